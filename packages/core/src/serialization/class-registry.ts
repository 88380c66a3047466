import { SERIALIZABLE_ID } from '../metadata/metadata-keys';
import { readOwnMetadata } from '../metadata/metadata-store';
import type { Constructor } from '../types';
import { checkSerializableId, type SerializableOptions } from './serializable.decorator';
import { catalogLookup, type ClassRegistration } from './serializable-catalog';

/** Options of a {@link ClassRegistry}. */
export interface ClassRegistryOptions {
  /** Also resolve classes marked `@Serializable` (default true). */
  readonly useCatalog?: boolean;
}

/**
 * The classes the object fallback may revive, each under a stable id.
 *
 * @remarks
 * Not global: every manager (or test) builds its own and hands it to the serializer. Lookups use
 * `Map`s, so ids from the data can never reach `__proto__` or other inherited names. Classes
 * marked `@Serializable` are found through the import-time catalog unless `useCatalog` is false.
 *
 * @example
 * ```ts
 * const classes = new ClassRegistry();
 * classes.registerClass(Point, 'geo.Point');
 * ```
 */
export class ClassRegistry {
  private readonly byId = new Map<string, ClassRegistration>();
  private readonly byClass = new Map<Constructor, ClassRegistration>();
  private readonly useCatalog: boolean;

  constructor(options: ClassRegistryOptions = {}) {
    this.useCatalog = options.useCatalog ?? true;
  }

  /**
   * Registers `cls` under `id` (re-registering the same pair is a no-op; a new id for a class, or
   * a new class for an id, replaces the old one).
   *
   * @throws DefinitionError (`DEFINITION_INVALID_SERIALIZABLE_ID`) for an empty id.
   */
  registerClass<T>(cls: Constructor<T>, id: string, options: SerializableOptions<T> = {}): this {
    checkSerializableId(id, cls.name);
    const old = this.byClass.get(cls);
    if (old !== undefined) this.byId.delete(old.id);
    const previous = this.byId.get(id);
    if (previous !== undefined) this.byClass.delete(previous.cls);
    const registration = { ...options, cls, id } as ClassRegistration;
    this.byId.set(id, registration);
    this.byClass.set(cls, registration);
    return this;
  }

  /** The registration of exactly `cls` (not of a base class), from this registry or the catalog. */
  registrationOf(cls: Constructor): ClassRegistration | undefined {
    const own = this.byClass.get(cls);
    if (own !== undefined || !this.useCatalog) return own;
    const id = readOwnMetadata<string>(SERIALIZABLE_ID, cls);
    if (id === undefined) return undefined;
    const found = catalogLookup(id);
    return found?.cls === cls ? found : undefined;
  }

  /** The registration for a stable id read from data. */
  lookup(id: string): ClassRegistration | undefined {
    return this.byId.get(id) ?? (this.useCatalog ? catalogLookup(id) : undefined);
  }

  /** Every class registered directly on this registry. */
  registered(): readonly ClassRegistration[] {
    return [...this.byId.values()];
  }
}
