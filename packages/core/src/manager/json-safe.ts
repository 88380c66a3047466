import { PackingError } from '../errors/packing.error';
import type { WarningSink } from '../packagers/pack-context';

const MAX_DEPTH = 100;

/**
 * Turns a value into one that survives `JSON.stringify`/`JSON.parse` unchanged: the generic
 * `result` packing used when a packager has no `@Pack('result')` method.
 *
 * @remarks
 * Finite numbers, strings, booleans and `null` stay; `undefined` becomes `null` (and is dropped
 * from objects); non-finite numbers become `null` with a warning; a `bigint` becomes its decimal
 * string; objects with `toJSON` (e.g. `Date`) use it; arrays and typed arrays become arrays;
 * a `Set` becomes an array and a `Map` an object (string keys) or a list of entries; other
 * objects keep their own enumerable string keys (`__proto__`, `constructor` and `prototype`
 * included, as own data fields). The input is never modified.
 *
 * @throws PackingError `PACKING_NOT_JSON_SAFE` for functions, symbols, cycles and nesting deeper
 * than 100 levels.
 */
export function toJsonSafe(value: unknown, key: string, sink: WarningSink): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return convert(value, key, sink, new Set(), 0, key);
}

function notSafe(key: string, path: string, what: string): never {
  throw new PackingError(`The output "${key}" cannot be packed as a result: ${path} is ${what}.`, {
    code: 'PACKING_NOT_JSON_SAFE',
    details: { key, path },
    fix: 'Pack it as another artifact type (e.g. "object" or "file"), or return JSON-safe data.',
  });
}

function convert(
  value: unknown,
  key: string,
  sink: WarningSink,
  seen: Set<object>,
  depth: number,
  path: string,
): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value)) return value;
      sink.warn(`[${key}] ${path} is ${String(value)}, recorded as null in the result.`);
      return null;
    case 'bigint':
      return value.toString();
    case 'undefined':
      return null;
    case 'function':
    case 'symbol':
      return notSafe(key, path, `a ${typeof value}`);
  }
  if (value === null) return null;
  const object = value as object;
  if (seen.has(object)) notSafe(key, path, 'part of a cycle');
  if (depth >= MAX_DEPTH) notSafe(key, path, `nested deeper than ${MAX_DEPTH} levels`);
  seen.add(object);
  try {
    return convertObject(object, key, sink, seen, depth + 1, path);
  } finally {
    seen.delete(object);
  }
}

function convertObject(
  object: object,
  key: string,
  sink: WarningSink,
  seen: Set<object>,
  depth: number,
  path: string,
): unknown {
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function')
    return convert(toJSON.call(object), key, sink, seen, depth, path);
  const item = (v: unknown, i: string | number): unknown =>
    convert(v, key, sink, seen, depth, `${path}[${JSON.stringify(i)}]`);
  if (Array.isArray(object)) return object.map(item);
  if (ArrayBuffer.isView(object)) {
    const view = object as unknown as ArrayLike<number | bigint>;
    return Array.from(view, item);
  }
  if (object instanceof Set) return [...object].map(item);
  if (object instanceof Map) {
    const entries = [...object.entries()];
    if (entries.every(([k]) => typeof k === 'string')) {
      return Object.fromEntries(entries.map(([k, v]) => [k, item(v, k as string)]));
    }
    return entries.map(([k, v], i) => [item(k, i), item(v, i)]);
  }
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(object)) {
    const v = (object as Record<string, unknown>)[name];
    // defineProperty, not `out[name] =`: a field named "__proto__" is data, kept as given.
    if (v !== undefined)
      Object.defineProperty(out, name, {
        value: item(v, name),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}
