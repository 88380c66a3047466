import 'reflect-metadata';
import { attachPendingChain } from './standard-metadata';

/**
 * Before reading a class's records, runs the records standard decorators left pending on it and
 * its bases (see `standard-metadata.ts`); free once done.
 */
function attachFor(target: object): void {
  const cls =
    typeof target === 'function' ? target : (target as { constructor?: unknown }).constructor;
  if (typeof cls === 'function' && (typeof target === 'function' || cls.prototype === target))
    attachPendingChain(cls);
}

/**
 * The only helpers that touch reflect-metadata. Records are replaced, never mutated in place.
 * @internal
 */
export function readOwnMetadata<T>(
  key: symbol,
  target: object,
  property?: string | symbol,
): T | undefined {
  attachFor(target);
  return (
    property === undefined
      ? Reflect.getOwnMetadata(key, target)
      : Reflect.getOwnMetadata(key, target, property)
  ) as T | undefined;
}

/** Reads a record from `target` or the nearest ancestor that has one. @internal */
export function readMetadata<T>(
  key: symbol,
  target: object,
  property?: string | symbol,
): T | undefined {
  attachFor(target);
  return (
    property === undefined
      ? Reflect.getMetadata(key, target)
      : Reflect.getMetadata(key, target, property)
  ) as T | undefined;
}

/** Writes a frozen record on `target`. @internal */
export function writeMetadata<T>(
  key: symbol,
  value: T,
  target: object,
  property?: string | symbol,
): void {
  const frozen = Object.freeze(value);
  if (property === undefined) Reflect.defineMetadata(key, frozen, target);
  else Reflect.defineMetadata(key, frozen, target, property);
}

/** Reads TypeScript's emitted `design:*` metadata (only the registry and handler binder do this). @internal */
export function readDesignType(
  kind: 'design:type' | 'design:paramtypes' | 'design:returntype',
  target: object,
  property?: string | symbol,
): unknown {
  return property === undefined
    ? Reflect.getMetadata(kind, target)
    : Reflect.getMetadata(kind, target, property);
}
