import { DefinitionError } from '../errors/definition.error';
import { OPTION_PROPERTIES } from '../metadata/metadata-keys';
import { readMetadata } from '../metadata/metadata-store';
import type { ConcreteConstructor } from '../types';
import type { OptionRecord } from './packager-args';

/** The `@Option` records of an options class, inherited ones included. @internal */
export function readOptionRecords(optionsClass: ConcreteConstructor<object>): readonly OptionRecord[] {
  return readMetadata<readonly OptionRecord[]>(OPTION_PROPERTIES, optionsClass) ?? [];
}

/**
 * Checks, when a `@Pack` method is defined, that its options class can be built with no
 * arguments and that every declared option has a default. @internal
 */
export function checkOptionsClass(optionsClass: ConcreteConstructor<object>, where: string): void {
  let instance: Record<string, unknown>;
  try {
    instance = new (optionsClass as new () => object)() as Record<string, unknown>;
  } catch (cause) {
    throw new DefinitionError(`The options class ${optionsClass.name} of ${where} cannot be built with no arguments.`, {
      code: 'DEFINITION_INVALID_OPTIONS_CLASS',
      cause,
      fix: 'Give the options class a constructor with no required arguments, and a default for every option.',
    });
  }
  for (const option of readOptionRecords(optionsClass)) {
    if (instance[option.property] === undefined) {
      throw new DefinitionError(`The option "${option.property}" of ${optionsClass.name} (used by ${where}) has no default.`, {
        code: 'DEFINITION_OPTION_WITHOUT_DEFAULT',
        details: { optionsClass: optionsClass.name, option: option.property },
        fix: `Initialise it, e.g. \`${option.property} = …;\`: every packing option must have a default so a plain log hint works.`,
      });
    }
  }
}
