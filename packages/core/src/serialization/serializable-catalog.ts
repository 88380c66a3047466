import type { Constructor } from '../types';

const CATALOG = Symbol.for('@stowage/core:serializable-catalog');

/** A class registration: the class, its stable id and optional hooks. */
export interface ClassRegistration<T = unknown> {
  readonly cls: Constructor<T>;
  readonly id: string;
  /** The npm package that defines the class, recorded with every value that holds one. */
  readonly packageName?: string;
  /** That package's version. */
  readonly packageVersion?: string;
  /** Turns an instance into plain data (default: its own enumerable properties). */
  readonly toData?: (value: T) => unknown;
  /** Builds an instance from that data (default: the prototype plus the properties, no constructor call). */
  readonly fromData?: (data: unknown) => T;
}

/**
 * The import-time list of `@Serializable` classes (part of the decorator catalog, the one piece
 * of global state; it lives on `globalThis` under a `Symbol.for` key). Registries read it; nothing
 * else writes it. @internal
 */
function catalog(): Map<string, ClassRegistration> {
  const holder = globalThis as { [CATALOG]?: Map<string, ClassRegistration> };
  holder[CATALOG] ??= new Map();
  return holder[CATALOG];
}

/** Adds a decorated class (the last decoration of an id wins, as with re-imported modules). @internal */
export function addSerializable(registration: ClassRegistration): void {
  catalog().set(registration.id, registration);
}

/** The `@Serializable` class registered under `id`, if any. @internal */
export function catalogLookup(id: string): ClassRegistration | undefined {
  return catalog().get(id);
}
