/**
 * Finds the first part of `value` that a JSON record cannot keep exactly, or `undefined` when the
 * whole value survives `JSON.stringify` / `JSON.parse` unchanged.
 *
 * @remarks
 * Rejects `undefined`, functions, symbols, bigints, non-finite numbers, `-0`, class instances
 * (a `Date`, a `Map`, a typed array…), objects with symbol keys, sparse arrays and cycles. The
 * answer is a path such as `instructions.writtenAt (a Date)`, for error messages.
 *
 * @example
 * ```ts
 * findNonJson({ a: [1, new Date()] }, 'value'); // 'value.a[1] (a Date)'
 * ```
 */
export function findNonJson(
  value: unknown,
  path = 'value',
  seen = new Set<object>(),
): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0)
        ? undefined
        : `${path} (${String(value)})`;
    case 'object':
      break;
    default:
      return `${path} (a ${typeof value})`;
  }
  if (value === null) return undefined;
  if (seen.has(value)) return `${path} (a cycle)`;
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) return `${path}[${i}] (a hole in a sparse array)`;
        const found = findNonJson(value[i], `${path}[${i}]`, seen);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto !== Object.prototype && proto !== null) {
      const name =
        (proto as { constructor?: { name?: string } }).constructor?.name ?? 'class instance';
      return `${path} (a ${name})`;
    }
    if (Object.getOwnPropertySymbols(value).length > 0) return `${path} (has symbol keys)`;
    for (const [key, inner] of Object.entries(value)) {
      const found = findNonJson(inner, `${path}.${key}`, seen);
      if (found !== undefined) return found;
    }
    return undefined;
  } finally {
    seen.delete(value);
  }
}
