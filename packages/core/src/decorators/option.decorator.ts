import { DefinitionError } from '../errors/definition.error';
import { OPTION_PROPERTIES } from '../metadata/metadata-keys';
import { readOwnMetadata, writeMetadata } from '../metadata/metadata-store';
import type { OptionRecord } from './packager-args';

/** What `@Option` accepts. */
export type OptionSpec = Omit<OptionRecord, 'property'>;

/**
 * Declares a packing option on an options class. The property's initial value is its default.
 *
 * @example
 * ```ts
 * class TableFileOptions {
 *   @Option({ allowed: ['csv', 'json'], description: 'File format' }) format = 'csv';
 *   @Option() header = true;
 * }
 * ```
 * @throws DefinitionError when put on a method or a symbol-named property.
 */
export function Option(spec: OptionSpec = {}): PropertyDecorator {
  return (prototype, property) => {
    if (typeof property !== 'string' || typeof prototype === 'function') {
      throw new DefinitionError(`@Option is on ${String(property)}, which is not an instance property with a string name.`, {
        code: 'DEFINITION_NOT_A_PROPERTY',
        fix: 'Put @Option on instance properties of the options class.',
      });
    }
    const own = readOwnMetadata<readonly OptionRecord[]>(OPTION_PROPERTIES, prototype.constructor) ?? [];
    const inherited = (Reflect.getMetadata(OPTION_PROPERTIES, Object.getPrototypeOf(prototype.constructor) as object) ?? []) as readonly OptionRecord[];
    const base = own.length > 0 ? own : inherited;
    writeMetadata(OPTION_PROPERTIES, [...base.filter((o) => o.property !== property), { ...spec, property }], prototype.constructor);
  };
}
