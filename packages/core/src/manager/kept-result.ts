import { StowageError } from '../errors/stowage.error';
import { PackingError } from '../errors/packing.error';
import { decodeTaggedJson, encodeTaggedJson } from '../serialization/tagged-json';

/**
 * The value a `result` output records: a copy made through the run record's tagged JSON, so
 * `manager.pack(v, 'k : result').value` is what `run().results.k` will give back.
 *
 * @remarks
 * The tagged JSON keeps every type docs/runs.md lists under "Results" (bigint, Date, special
 * numbers, Map, Set, typed arrays, Error, LocalPath, URL, null-prototype objects, nested
 * anywhere). The input is never modified. @internal
 * @throws PackingError `PACKING_NOT_JSON_SAFE` naming the path (`results.metrics.hist`) when the
 * value holds something a result cannot (a function, a class instance, a cycle, more than 100
 * levels), with the encoding error as its cause; `INPUT_UNREADABLE` errors pass through.
 */
export function keptResult(value: unknown, key: string): unknown {
  if (isPlainScalar(value)) return value;
  let encoded: unknown;
  try {
    encoded = encodeTaggedJson(value, `results.${key}`);
  } catch (error) {
    if (!StowageError.is(error) || typeof error.details['reason'] !== 'string') throw error;
    const path = String(error.details['path']);
    throw new PackingError(
      `The output "${key}" cannot be packed as a result: ${path} is not a value a result holds (${error.details['reason']}).`,
      {
        code: 'PACKING_NOT_JSON_SAFE',
        details: { key, path },
        cause: error,
        fix: `Log "${key}" as another artifact type (e.g. "${key} : object" or "file"), or keep to the types docs/runs.md lists under "Results".`,
      },
    );
  }
  return decodeTaggedJson(encoded, `results.${key}`);
}

/**
 * A string, boolean, `null` or finite number other than `-0`: what the tagged JSON stores as
 * itself (no codec claims it), so its copy is the value. @internal
 */
export function isPlainScalar(value: unknown): value is string | boolean | number | null {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    default:
      return value === null;
  }
}
