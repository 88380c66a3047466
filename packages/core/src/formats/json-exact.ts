import { isPlainObject } from '../objects';

/** Why a value is not exactly representable as JSON: the path and the reason. */
export interface JsonProblem {
  readonly path: string;
  readonly reason: string;
}

/**
 * The deepest nesting a JSON-exact value may have (objects and arrays), the same limit as the
 * object fallback's: deeper values are refused before anything recursive (parsers, writers) runs.
 */
export const MAX_JSON_DEPTH = 1000;

function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * Finds the first part of `value` that `JSON.stringify` + `JSON.parse` would not give back
 * unchanged (`undefined`, `NaN`, `-0`, a `Date`, a class instance, a hole, a cycle, …).
 *
 * @remarks
 * Shared references are allowed (they come back as equal copies); a `"__proto__"` key is
 * refused so no reader can be tricked into setting a prototype, unless `protoKeys` is true (for
 * json and yaml files, whose readers keep it as an own key); nesting deeper than
 * {@link MAX_JSON_DEPTH} levels is refused (the walk itself then stays shallow). Objects with a
 * `null` prototype count as plain (see `null-prototypes.ts` for how files keep them).
 * @returns the problem, or `undefined` when the value round-trips exactly through JSON.
 */
export function findJsonProblem(
  value: unknown,
  path = '$',
  protoKeys = false,
): JsonProblem | undefined {
  const stack = new Set<object>();
  const walk = (v: unknown, p: string, depth = 0): JsonProblem | undefined => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return undefined;
      case 'number':
        if (!Number.isFinite(v)) return { path: p, reason: `the number ${String(v)}` };
        return Object.is(v, -0) ? { path: p, reason: 'the number -0' } : undefined;
      case 'object':
        break;
      default:
        return { path: p, reason: `a value of type ${typeof v}` };
    }
    if (v === null) return undefined;
    if (stack.has(v)) return { path: p, reason: 'a cycle' };
    if (depth >= MAX_JSON_DEPTH)
      return { path: p, reason: `nesting deeper than ${MAX_JSON_DEPTH} levels` };
    if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype)
        return { path: p, reason: 'an Array subclass' };
      stack.add(v);
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) return { path: child(p, i), reason: 'a hole (sparse array)' };
        const problem = walk(v[i], child(p, i), depth + 1);
        if (problem !== undefined) return problem;
      }
      stack.delete(v);
      return undefined;
    }
    if (!isPlainObject(v)) {
      const name = (v as { constructor?: { name?: string } }).constructor?.name ?? 'unknown';
      return { path: p, reason: `an instance of ${name}` };
    }
    if (Object.getOwnPropertySymbols(v).length > 0) return { path: p, reason: 'symbol keys' };
    stack.add(v);
    for (const key of Object.keys(v)) {
      if (key === '__proto__' && !protoKeys)
        return { path: child(p, key), reason: 'the key "__proto__"' };
      const problem = walk(v[key], child(p, key), depth + 1);
      if (problem !== undefined) return problem;
    }
    stack.delete(v);
    return undefined;
  };
  return walk(value, path);
}

/**
 * Whether a JSON-exact value (see {@link findJsonProblem}) has more than `limit` nodes, counting a
 * string as one node per 64 characters; stops as soon as the limit is passed.
 */
export function jsonSizeExceeds(value: unknown, limit: number): boolean {
  let budget = limit;
  const walk = (v: unknown): boolean => {
    budget -= typeof v === 'string' ? 1 + Math.floor(v.length / 64) : 1;
    if (budget < 0) return true;
    if (typeof v !== 'object' || v === null) return false;
    const items = Array.isArray(v) ? v : Object.values(v);
    for (const item of items) if (walk(item)) return true;
    return false;
  };
  return walk(value);
}
