import { UnpackingError } from '../errors/unpacking.error';
import { notExact } from './format-errors';

/**
 * Where a JSON-exact value has objects with a `null` prototype, as recorded with a structured
 * file (instruction `nullPrototypes`): `'all'` when every object has one, else the path of each
 * (a list of keys and indexes from the root).
 */
export type NullPrototypes = 'all' | readonly (readonly (string | number)[])[];

/** The most paths recorded; a value mixing more null-prototype objects with others is refused. */
export const MAX_NULL_PROTOTYPE_PATHS = 1000;

/** Every object (not array) of a value, parents before children (no recursion, no paths). */
function* objects(value: unknown): Generator<object> {
  const stack: unknown[] = [value];
  for (let v = stack.pop(); stack.length > 0 || v !== undefined; v = stack.pop()) {
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      continue;
    }
    yield v;
    const values = Object.values(v);
    for (let i = values.length - 1; i >= 0; i--) stack.push(values[i]);
  }
}

/** Every object and array of a value, with its path, parents before children (no recursion). */
function* nodes(value: unknown): Generator<[object, (string | number)[]]> {
  const stack: [unknown, (string | number)[]][] = [[value, []]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [v, path] = next;
    if (typeof v !== 'object' || v === null) continue;
    yield [v, path];
    const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i] as string | number;
      stack.push([(v as Record<string | number, unknown>)[k], [...path, k]]);
    }
  }
}

/**
 * Where a JSON-exact value has `null`-prototype objects, or `undefined` when it has none.
 *
 * @throws PackingError (`FORMAT_NOT_EXACT`) when more than {@link MAX_NULL_PROTOTYPE_PATHS} of
 * them are mixed with ordinary objects.
 */
export function findNullPrototypes(value: unknown, format: string): NullPrototypes | undefined {
  let bare = 0;
  let ordinary = 0;
  for (const o of objects(value)) {
    if (Object.getPrototypeOf(o) === null) bare++;
    else ordinary++;
  }
  if (bare === 0) return undefined;
  if (ordinary === 0) return 'all';
  const paths: (string | number)[][] = [];
  for (const [o, path] of nodes(value)) {
    if (!Array.isArray(o) && Object.getPrototypeOf(o) === null) paths.push(path);
    if (paths.length > MAX_NULL_PROTOTYPE_PATHS) break;
  }
  if (paths.length > MAX_NULL_PROTOTYPE_PATHS) {
    const at = paths[MAX_NULL_PROTOTYPE_PATHS] ?? [];
    throw notExact(format, {
      path: `$${at.map((k) => `[${JSON.stringify(k)}]`).join('')}`,
      reason: `one of more than ${MAX_NULL_PROTOTYPE_PATHS} objects with a null prototype mixed with ordinary objects`,
    });
  }
  return paths;
}

function invalid(where: string, what: string): UnpackingError {
  return new UnpackingError(`Cannot restore the null prototypes recorded for ${where}: ${what}.`, {
    code: 'FORMAT_INVALID',
    details: { where },
    fix: 'The file or its record was changed after it was logged; log the value again.',
  });
}

/**
 * Gives the objects named by `recorded` (the `nullPrototypes` instruction) a `null` prototype
 * again, in place; returns `value`. Own keys, `"__proto__"` included, stay as they are.
 *
 * @throws UnpackingError (`FORMAT_INVALID`) when the instruction is malformed or a path does not
 * lead to an object of the decoded value.
 */
export function restoreNullPrototypes(value: unknown, recorded: unknown, where: string): unknown {
  if (recorded === undefined) return value;
  if (recorded === 'all') {
    for (const o of objects(value)) Object.setPrototypeOf(o, null);
    return value;
  }
  if (!Array.isArray(recorded)) throw invalid(where, 'the instruction is not a list of paths');
  const targets: object[] = [];
  for (const path of recorded as unknown[]) {
    if (!Array.isArray(path)) throw invalid(where, 'a path is not a list');
    let at: unknown = value;
    for (const k of path as unknown[]) {
      if (
        (typeof k !== 'string' && typeof k !== 'number') ||
        typeof at !== 'object' ||
        at === null ||
        !Object.prototype.hasOwnProperty.call(at, k)
      )
        throw invalid(where, `the path ${JSON.stringify(path)} leads nowhere`);
      at = (at as Record<string | number, unknown>)[k];
    }
    if (typeof at !== 'object' || at === null || Array.isArray(at))
      throw invalid(where, `the path ${JSON.stringify(path)} does not lead to an object`);
    targets.push(at);
  }
  // all paths are followed first, so none passes through an object already changed
  for (const o of targets) Object.setPrototypeOf(o, null);
  return value;
}
