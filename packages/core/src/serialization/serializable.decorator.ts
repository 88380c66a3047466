import { DefinitionError } from '../errors/definition.error';
import { SERIALIZABLE_ID } from '../metadata/metadata-keys';
import { writeMetadata } from '../metadata/metadata-store';
import type { Constructor } from '../types';
import { addSerializable, type ClassRegistration } from './serializable-catalog';

/** Options of {@link Serializable}: everything of a registration except the class and id. */
export type SerializableOptions<T = unknown> = Omit<ClassRegistration<T>, 'cls' | 'id'>;

/**
 * Lets the object fallback revive instances of a class: stores a stable id on the class and adds
 * it to the import-time catalog that every {@link ClassRegistry} consults.
 *
 * @remarks
 * The id, not the class name, is written with the data, so it survives minification and
 * renames; reading resolves the id through registries only, never by evaluating a name.
 *
 * @example
 * ```ts
 * @Serializable('geo.Point', { packageName: '@acme/geo', packageVersion: '2.1.0' })
 * class Point { constructor(public x = 0, public y = 0) {} }
 * ```
 * @throws DefinitionError (`DEFINITION_INVALID_SERIALIZABLE_ID`) when the id is empty or not a string.
 */
export function Serializable<T>(
  id: string,
  options: SerializableOptions<T> = {},
): (cls: Constructor<T>) => void {
  return (cls) => {
    checkSerializableId(id, cls.name);
    writeMetadata(SERIALIZABLE_ID, id, cls);
    addSerializable({ ...options, cls, id } as ClassRegistration);
  };
}

/** Throws unless `id` is a usable stable class id. @internal */
export function checkSerializableId(id: unknown, className: string): void {
  if (typeof id !== 'string' || id.trim() === '' || id.length > 200) {
    throw new DefinitionError(
      `The serializable id of ${className} must be a non-empty string (got ${JSON.stringify(id)}).`,
      {
        code: 'DEFINITION_INVALID_SERIALIZABLE_ID',
        details: { className },
        fix: 'Use a stable dotted name such as "geo.Point" (at most 200 characters).',
      },
    );
  }
}

/**
 * The function form of {@link Serializable}, for classes you cannot decorate (from another
 * package): adds `cls` to the import-time catalog under `id`.
 *
 * @remarks
 * To keep a registration local to one manager or test instead, use
 * `ClassRegistry.registerClass`.
 * @throws DefinitionError (`DEFINITION_INVALID_SERIALIZABLE_ID`) when the id is empty.
 */
export function registerClass<T>(
  cls: Constructor<T>,
  id: string,
  options: SerializableOptions<T> = {},
): void {
  Serializable(id, options)(cls);
}
