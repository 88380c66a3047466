/**
 * Strict structural equality for the round-trip matrix: same prototype at every level, the same
 * own keys (symbols and non-enumerable ones too) with the same enumerability, `Object.is` for
 * primitives (so `-0` and `NaN` count), and the contents of Map, Set, Date, typed arrays,
 * ArrayBuffer and URL. Returns the first difference as a sentence, or `undefined` when equal.
 */
export function firstDifference(
  expected: unknown,
  actual: unknown,
  path = '$',
): string | undefined {
  return diff(expected, actual, path, new Map());
}

/** A short description of a value for reports (`42n`, `"text"`, `a Map`). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value !== 'object' || value === null)
    return Object.is(value, -0) ? '-0' : String(value);
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  return proto === null ? 'a null-prototype object' : `a ${proto.constructor?.name ?? '?'}`;
}

function diff(
  expected: unknown,
  actual: unknown,
  path: string,
  seen: Map<object, object>,
): string | undefined {
  if (Object.is(expected, actual)) return undefined;
  if (
    typeof expected !== 'object' ||
    expected === null ||
    typeof actual !== 'object' ||
    actual === null
  )
    return `${path}: expected ${describeValue(expected)}, got ${describeValue(actual)}`;
  if (seen.get(expected) === actual) return undefined;
  seen.set(expected, actual);
  if (Object.getPrototypeOf(expected) !== Object.getPrototypeOf(actual))
    return `${path}: expected ${describeValue(expected)}, got ${describeValue(actual)}`;
  return (
    contentDifference(expected, actual, path, seen) ??
    ownKeysDifference(expected, actual, path, seen)
  );
}

function contentDifference(
  expected: object,
  actual: object,
  path: string,
  seen: Map<object, object>,
): string | undefined {
  if (expected instanceof Date) {
    const [a, b] = [expected.getTime(), (actual as Date).getTime()];
    return Object.is(a, b) ? undefined : `${path}: expected time ${a}, got ${b}`;
  }
  if (expected instanceof URL) {
    const href = (actual as URL).href;
    return expected.href === href ? undefined : `${path}: expected ${expected.href}, got ${href}`;
  }
  if (expected instanceof ArrayBuffer)
    return bytesDifference(new Uint8Array(expected), new Uint8Array(actual as ArrayBuffer), path);
  if (ArrayBuffer.isView(expected)) {
    const [a, b] = [elements(expected), elements(actual)];
    if (a.length !== b.length) return `${path}: expected length ${a.length}, got ${b.length}`;
    for (let i = 0; i < a.length; i += 1)
      if (!Object.is(a[i], b[i]))
        return `${path}[${i}]: expected ${describeValue(a[i])}, got ${describeValue(b[i])}`;
    return undefined;
  }
  if (expected instanceof Map) {
    const [a, b] = [[...expected.entries()], [...(actual as Map<unknown, unknown>).entries()]];
    return diff(a, b, `${path}.entries()`, seen);
  }
  if (expected instanceof Set)
    return diff(
      [...expected.values()],
      [...(actual as Set<unknown>).values()],
      `${path}.values()`,
      seen,
    );
  return undefined;
}

/** The elements of a typed array or DataView-like view, as a plain list. */
function elements(view: object): unknown[] {
  return Array.from(view as unknown as ArrayLike<unknown>);
}

function bytesDifference(a: Uint8Array, b: Uint8Array, path: string): string | undefined {
  if (a.length !== b.length) return `${path}: expected ${a.length} bytes, got ${b.length}`;
  const at = a.findIndex((byte, i) => byte !== b[i]);
  return at < 0 ? undefined : `${path}: byte ${at} differs`;
}

function ownKeysDifference(
  expected: object,
  actual: object,
  path: string,
  seen: Map<object, object>,
): string | undefined {
  // Typed arrays' indices are compared above; their own keys are the indices again.
  if (ArrayBuffer.isView(expected)) return undefined;
  const keysA = Reflect.ownKeys(expected);
  const keysB = Reflect.ownKeys(actual);
  const names = (keys: (string | symbol)[]): string => keys.map(String).join(', ');
  if (keysA.length !== keysB.length || keysA.some((k, i) => k !== keysB[i])) {
    const sortedA = [...keysA].map(String).sort().join(', ');
    const sortedB = [...keysB].map(String).sort().join(', ');
    if (sortedA !== sortedB)
      return `${path}: expected own keys [${names(keysA)}], got [${names(keysB)}]`;
  }
  for (const key of keysA) {
    const a = Object.getOwnPropertyDescriptor(expected, key) as PropertyDescriptor;
    const b = Object.getOwnPropertyDescriptor(actual, key) as PropertyDescriptor;
    const at = `${path}.${String(key)}`;
    if (a.enumerable !== b.enumerable)
      return `${at}: expected ${a.enumerable ? 'enumerable' : 'non-enumerable'}, got ${b.enumerable ? 'enumerable' : 'non-enumerable'}`;
    if ('value' in a !== 'value' in b) return `${at}: one side is an accessor`;
    if (!('value' in a)) continue;
    const found = diff(a.value, b.value, at, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}
