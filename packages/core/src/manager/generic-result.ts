import { holdsTaggedType } from '../serialization/tagged-json';

const MAX_DEPTH = 101;

/**
 * The generic `result` of a value whose packager has no `@Pack('result')` method (or that no
 * packager claims): a class instance the run record cannot hold is recorded as its `toJSON()`
 * or, without one, its own enumerable fields, at any depth. Everything the tagged JSON holds
 * (bigint, Date, Map, Set, typed arrays, Error, …) is kept as it is. The input is never modified.
 *
 * @remarks
 * Cycles and nesting deeper than 100 levels are left as they are, so the tagged encoding refuses
 * them naming where they are. @internal
 */
export function genericResult(value: unknown): unknown {
  return convert(value, new Set(), 0);
}

function convert(value: unknown, seen: Set<object>, depth: number): unknown {
  if (typeof value !== 'object' || value === null || seen.has(value) || depth > MAX_DEPTH)
    return value;
  seen.add(value);
  try {
    const next = (v: unknown): unknown => convert(v, seen, depth + 1);
    if (Array.isArray(value)) return value.map(next);
    if (value instanceof Map) return new Map([...value].map(([k, v]) => [next(k), next(v)]));
    if (value instanceof Set) return new Set([...value].map(next));
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null && holdsTaggedType(value)) return value;
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (proto !== Object.prototype && proto !== null && typeof toJSON === 'function')
      return next(toJSON.call(value));
    const out = (proto === null ? Object.create(null) : {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, k, {
        value: next(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  } finally {
    seen.delete(value);
  }
}
