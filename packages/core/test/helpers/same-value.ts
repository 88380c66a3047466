/**
 * Where `actual` differs from `expected`, or `undefined` when they are the same value: same
 * prototype at every level, same own keys (with the same enumerability), `Object.is` for
 * primitives (so `-0` and `NaN` count), Map/Set entries in order, typed-array elements, and an
 * Error's message, name, stack, cause and errors.
 */
export function differenceOf(
  actual: unknown,
  expected: unknown,
  path = 'value',
): string | undefined {
  if (
    typeof expected !== 'object' ||
    expected === null ||
    typeof actual !== 'object' ||
    actual === null
  )
    return Object.is(actual, expected)
      ? undefined
      : `${path}: ${show(actual)} is not ${show(expected)}`;
  if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected))
    return `${path}: the prototype differs (${nameOf(actual)} is not ${nameOf(expected)})`;
  if (expected instanceof Date) return same(path, (actual as Date).getTime(), expected.getTime());
  if (expected instanceof URL) return same(path, (actual as URL).href, expected.href);
  if (expected instanceof Map || expected instanceof Set)
    return differenceOf([...(actual as Map<unknown, unknown>)], [...expected], `${path}.entries`);
  if (expected instanceof ArrayBuffer)
    return differenceOf(new Uint8Array(actual as ArrayBuffer), new Uint8Array(expected), path);
  if (expected instanceof DataView) {
    const view = actual as DataView;
    return differenceOf(
      new Uint8Array(view.buffer, view.byteOffset, view.byteLength),
      new Uint8Array(expected.buffer, expected.byteOffset, expected.byteLength),
      path,
    );
  }
  if (ArrayBuffer.isView(expected))
    return differenceOf(
      Array.from(actual as unknown as ArrayLike<unknown>),
      Array.from(expected as unknown as ArrayLike<unknown>),
      path,
    );
  if (expected instanceof Error) {
    for (const k of ['message', 'name', 'stack', 'cause', 'errors'] as const) {
      const d = differenceOf(
        (actual as Error & { errors?: unknown })[k as 'message'],
        expected[k as 'message'],
        `${path}.${k}`,
      );
      if (d !== undefined) return d;
    }
  }
  const keys = (o: object): string[] =>
    Reflect.ownKeys(o)
      .filter((k) => typeof k === 'string' && Object.getOwnPropertyDescriptor(o, k)?.enumerable)
      .map(String);
  const a = keys(actual);
  const e = keys(expected);
  if (a.join('\u0000') !== e.join('\u0000'))
    return `${path}: the own keys differ ([${a.join(', ')}] is not [${e.join(', ')}])`;
  for (const k of e) {
    const d = differenceOf(
      Object.getOwnPropertyDescriptor(actual, k)?.value,
      Object.getOwnPropertyDescriptor(expected, k)?.value,
      `${path}.${k}`,
    );
    if (d !== undefined) return d;
  }
  return undefined;
}

function same(path: string, a: unknown, e: unknown): string | undefined {
  return Object.is(a, e) ? undefined : `${path}: ${show(a)} is not ${show(e)}`;
}

function nameOf(value: object): string {
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  return proto === null ? 'null prototype' : (proto.constructor?.name ?? 'unknown');
}

function show(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (Object.is(value, -0)) return '-0';
  return typeof value === 'object' && value !== null ? nameOf(value) : String(value);
}
