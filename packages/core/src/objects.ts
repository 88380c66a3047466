/**
 * Small object helpers every layer uses: one plain-object check, one own-property definition,
 * and the two prototype-chain walks. They import nothing, so any folder may use them.
 */

/**
 * Whether `value` is a plain object: an object literal or `Object.create(null)`; not an array,
 * not a class instance, not `null`. @internal
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Defines an own, writable, configurable data property (enumerable unless told), so a field
 * named `__proto__` is kept as data where `target[key] = value` would change the prototype.
 * @internal
 */
export function defineOwn(
  target: object,
  key: PropertyKey,
  value: unknown,
  enumerable = true,
): void {
  Object.defineProperty(target, key, { value, enumerable, writable: true, configurable: true });
}

/** The prototypes of `value`, nearest first, up to (not including) `null`. @internal */
export function* prototypesOf(value: object): Generator<object, void, undefined> {
  for (let p = Object.getPrototypeOf(value) as object | null; p !== null;) {
    yield p;
    p = Object.getPrototypeOf(p) as object | null;
  }
}

/**
 * A class, then its base classes, nearest first, stopping before `until` (default: the end of
 * the class chain, `Function.prototype`). @internal
 */
export function* classChain(
  cls: unknown,
  until: unknown = Function.prototype,
): Generator<Function, void, undefined> {
  for (let c = cls; typeof c === 'function' && c !== until; c = Object.getPrototypeOf(c)) yield c;
}
