import { findJsonProblem } from './json-exact';
import { notExact, unreadable } from './format-errors';
import { PackingError } from '../errors/packing.error';

/**
 * Encodes an array as JSON Lines: one compact JSON document per element, each ending in `\n`.
 *
 * @remarks
 * An empty array gives an empty file. A one-element array gives one line, and reads back as a
 * one-element array (never as the bare element).
 * @throws PackingError (`FORMAT_NOT_AN_ARRAY`, `FORMAT_NOT_EXACT`) for a non-array or a value JSON
 * cannot hold exactly.
 */
export function encodeJsonl(value: unknown): Uint8Array {
  if (!Array.isArray(value)) {
    throw new PackingError('Cannot write a value that is not an array as jsonl.', {
      code: 'FORMAT_NOT_AN_ARRAY',
      fix: 'jsonl holds a list (one line per element); use format "json" or "yaml" for other values.',
    });
  }
  const problem = findJsonProblem(value);
  if (problem !== undefined) throw notExact('jsonl', problem);
  return Buffer.from(value.map((v) => `${JSON.stringify(v)}\n`).join(''), 'utf8');
}

/**
 * Decodes JSON Lines into an array (always an array; blank lines are skipped).
 *
 * @throws UnpackingError (`FORMAT_INVALID`) naming the first line that is not JSON.
 */
export function decodeJsonl(bytes: Uint8Array, where = 'the input'): unknown[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const out: unknown[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as unknown);
    } catch (cause) {
      throw unreadable('jsonl', `${where} (line ${i + 1})`, cause);
    }
  }
  return out;
}
