import { Nullish } from '../types';
import type { PackableType } from '../types';
import { prototypesOf } from '../objects';

/**
 * The packable type of a runtime value: its constructor, the builtin constructor of a primitive
 * (`Number`, `String`, `Boolean`, `BigInt`, `Symbol`), {@link Nullish} for `null`/`undefined`, and
 * `Object` for objects without a prototype.
 */
export function typeTokenOf(value: unknown): PackableType {
  switch (typeof value) {
    case 'number':
      return Number;
    case 'string':
      return String;
    case 'boolean':
      return Boolean;
    case 'bigint':
      return BigInt as unknown as PackableType;
    case 'symbol':
      return Symbol as unknown as PackableType;
    case 'undefined':
      return Nullish;
    default: {
      if (value === null) return Nullish;
      const proto = Object.getPrototypeOf(value) as { constructor?: unknown } | null;
      const ctor = proto === null ? Object : proto.constructor;
      return typeof ctor === 'function' ? (ctor as PackableType) : Object;
    }
  }
}

const LEAF_TYPES: ReadonlySet<unknown> = new Set<unknown>([
  Number,
  String,
  Boolean,
  BigInt,
  Symbol,
  Nullish,
]);

/**
 * `type` and its ancestors, nearest first, each with its distance (0 = `type` itself).
 *
 * @remarks
 * Walks the prototype chain of `type.prototype`. Primitives' constructors and `Nullish` stop
 * before `Object`: a packager for `Object` never claims a number or `null` through
 * `packSubclasses`. @internal
 */
export function ancestorsOf(type: PackableType): PackableType[] {
  const chain: PackableType[] = [type];
  if (LEAF_TYPES.has(type)) return chain;
  for (const proto of prototypesOf((type as { prototype: object }).prototype)) {
    const ctor = Object.prototype.hasOwnProperty.call(proto, 'constructor')
      ? (proto as { constructor: unknown }).constructor
      : undefined;
    if (typeof ctor === 'function') chain.push(ctor as PackableType);
  }
  return chain;
}
