import { CORE_SCHEMA, dump, load } from 'js-yaml';
import { findJsonProblem } from './json-exact';
import { notExact, unreadable } from './format-errors';

/**
 * Encodes a JSON-exact value as YAML (block style; strings that would read back as another type
 * are quoted).
 *
 * @throws PackingError (`FORMAT_NOT_EXACT`) naming the first part YAML cannot hold exactly here.
 */
export function encodeYaml(value: unknown): Uint8Array {
  const problem = findJsonProblem(value, '$', true);
  if (problem !== undefined) throw notExact('yaml', problem);
  return Buffer.from(dump(value, { noRefs: true }), 'utf8');
}

/**
 * Decodes YAML with the YAML 1.2 core schema (no dates, binaries or custom tags are built), so
 * loading never constructs anything but plain data.
 *
 * @throws UnpackingError (`FORMAT_INVALID`) when the text is not one YAML document.
 */
export function decodeYaml(bytes: Uint8Array, where = 'the input'): unknown {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  try {
    return load(text, { schema: CORE_SCHEMA });
  } catch (cause) {
    throw unreadable('yaml', where, cause);
  }
}
