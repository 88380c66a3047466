import { OPTION_PROPERTIES } from '../metadata/metadata-keys';
import { readMetadata } from '../metadata/metadata-store';
import { buildOptionsSchema } from '../options/options-schema';
import type { ConcreteConstructor } from '../types';
import type { OptionRecord } from '../options/option-record';

/** The `@Option` records of an options class, inherited ones included. @internal */
export function readOptionRecords(
  optionsClass: ConcreteConstructor<object>,
): readonly OptionRecord[] {
  return readMetadata<readonly OptionRecord[]>(OPTION_PROPERTIES, optionsClass) ?? [];
}

/**
 * Checks, when a `@Pack` method is defined, that its options class can be built with no
 * arguments and that every declared option has a default of its type, inside its allowed set.
 * @throws DefinitionError (see {@link buildOptionsSchema}). @internal
 */
export function checkOptionsClass(optionsClass: ConcreteConstructor<object>, where: string): void {
  buildOptionsSchema(optionsClass, where);
}
