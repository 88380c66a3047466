/**
 * A plain, comparable description of a value's whole reachable state: what the mutation check
 * compares before and after a pack.
 *
 * @remarks
 * Records primitives (with `-0` and `NaN` kept distinct), the constructor name of every object,
 * own enumerable string and symbol keys, array items and holes, typed-array and `ArrayBuffer`
 * bytes, `Date` times, `Map` and `Set` entries in order, boxed primitives, and cycles (as
 * references to the first visit). Two snapshots are equal (`isDeepStrictEqual`) exactly when
 * nothing observable through those routes changed.
 */
export type Snapshot =
  | { readonly t: 'primitive'; readonly type: string; readonly value: string }
  | { readonly t: 'ref'; readonly id: number }
  | { readonly t: 'function'; readonly name: string }
  | {
      readonly t: 'object';
      readonly id: number;
      readonly ctor: string;
      readonly frozen: boolean;
      readonly special: unknown;
      readonly entries: readonly (readonly [string, Snapshot])[];
    };

/**
 * Takes a {@link Snapshot} of `value` and everything reachable from it.
 *
 * @example
 * ```ts
 * const before = deepSnapshot(value);
 * await pack(value);
 * expect(deepSnapshot(value)).toEqual(before);
 * ```
 */
export function deepSnapshot(value: unknown): Snapshot {
  return snap(value, new Map<object, number>());
}

function primitive(value: unknown): Snapshot {
  const type = typeof value;
  let text: string;
  if (type === 'number') text = Object.is(value, -0) ? '-0' : String(value);
  else if (type === 'symbol') text = (value as symbol).toString();
  else text = String(value);
  return { t: 'primitive', type, value: text };
}

function snap(value: unknown, seen: Map<object, number>): Snapshot {
  if (typeof value === 'function') return { t: 'function', name: (value as { name: string }).name };
  if (typeof value !== 'object' || value === null) return primitive(value);
  const known = seen.get(value);
  if (known !== undefined) return { t: 'ref', id: known };
  const id = seen.size;
  seen.set(value, id);
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  const ctor = proto === null ? '<null prototype>' : (proto.constructor?.name ?? '<anonymous>');
  const entries: (readonly [string, Snapshot])[] = [];
  const special = specialState(value, seen, entries);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined || !descriptor.enumerable) continue;
    if (ArrayBuffer.isView(value) && typeof key === 'string' && /^\d+$/.test(key)) continue;
    const inner =
      'value' in descriptor
        ? snap(descriptor.value, seen)
        : { t: 'function' as const, name: 'get' };
    entries.push([typeof key === 'symbol' ? key.toString() : key, inner]);
  }
  return { t: 'object', id, ctor, frozen: Object.isFrozen(value), special, entries };
}

function specialState(
  value: object,
  seen: Map<object, number>,
  entries: (readonly [string, Snapshot])[],
): unknown {
  if (ArrayBuffer.isView(value)) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  }
  if (
    value instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)
  ) {
    return Buffer.from(new Uint8Array(value)).toString('base64');
  }
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.length;
  if (value instanceof Map) {
    let i = 0;
    for (const [k, v] of value) {
      entries.push([`<map key ${i}>`, snap(k, seen)]);
      entries.push([`<map value ${i}>`, snap(v, seen)]);
      i++;
    }
    return value.size;
  }
  if (value instanceof Set) {
    let i = 0;
    for (const v of value) entries.push([`<set item ${i++}>`, snap(v, seen)]);
    return value.size;
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean)
    return value.valueOf();
  if (value instanceof RegExp) return value.toString();
  return undefined;
}
