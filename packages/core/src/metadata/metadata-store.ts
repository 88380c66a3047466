import 'reflect-metadata';

/**
 * The only helpers that touch reflect-metadata. Records are replaced, never mutated in place.
 * @internal
 */
export function readOwnMetadata<T>(
  key: symbol,
  target: object,
  property?: string | symbol,
): T | undefined {
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
