import { findJsonProblem } from './json-exact';
import { notExact, unreadable } from './format-errors';

/**
 * Encodes a JSON-exact value as UTF-8 JSON.
 *
 * @throws PackingError (`FORMAT_NOT_EXACT`) naming the first part JSON cannot hold exactly.
 */
export function encodeJson(value: unknown, indent?: number): Uint8Array {
  const problem = findJsonProblem(value, '$', true);
  if (problem !== undefined) throw notExact('json', problem);
  return Buffer.from(JSON.stringify(value, null, indent), 'utf8');
}

/**
 * Decodes UTF-8 JSON.
 *
 * @throws UnpackingError (`FORMAT_INVALID`) when the text is not JSON.
 */
export function decodeJson(bytes: Uint8Array, where = 'the input'): unknown {
  try {
    return JSON.parse(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
    ) as unknown;
  } catch (cause) {
    throw unreadable('json', where, cause);
  }
}
