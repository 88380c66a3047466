import type { ErrorCode } from '../errors/error-codes';
import { DefinitionError } from '../errors/definition.error';
import { OPTION_PROPERTIES } from '../metadata/metadata-keys';
import { readMetadata, readOwnMetadata, writeMetadata } from '../metadata/metadata-store';
import { memberLabel } from './method-target';
import { addPendingStep } from '../metadata/standard-metadata';
import {
  isStandardContext,
  standardMemberLabel,
  standardMetadata,
  type StandardContext,
} from './decorator-mode';
import type { OptionRecord } from '../options/option-record';

/**
 * The decorator `@Option` returns: legacy `(prototype, property)` (a descriptor is only present
 * when misused on a method) or standard `(undefined, context)` on a field.
 */
export interface OptionDecorator {
  (prototype: object, property: string | symbol, descriptor?: PropertyDescriptor): void;
  (value: undefined, context: ClassFieldDecoratorContext): void;
}

/** What `@Option` accepts. */
export type OptionSpec = Omit<OptionRecord, 'property'>;

const TYPES: readonly unknown[] = [String, Number, Boolean, Array];
const ITEM_TYPES: readonly unknown[] = [String, Number, Boolean];

function fail(where: string, what: string, code: ErrorCode, fix: string): never {
  throw new DefinitionError(`@Option on ${where}: ${what}`, {
    code,
    details: { member: where },
    fix,
  });
}

/**
 * Declares a packing option on an options class. The property's initial value is its default.
 *
 * @remarks
 * The option's type is `spec.type` when given, else the type of its default (`string`, `number`,
 * `boolean`, or an array: a list). A subclass of an options class inherits its options and may
 * redeclare them.
 *
 * @example
 * ```ts
 * class TableFileOptions {
 *   @Option({ allowed: ['csv', 'json'], description: 'File format' }) format = 'csv';
 *   @Option() header = true;
 *   @Option({ itemType: String }) columns: string[] = [];
 * }
 * ```
 * @throws DefinitionError `DEFINITION_NOT_A_PROPERTY` when put on a method, accessor, static or
 * symbol-named member; `DEFINITION_INVALID_OPTION_SPEC` for an unknown `type`/`itemType` or an
 * `allowed` that is not an array.
 */
export function Option(spec: OptionSpec = {}): OptionDecorator {
  return (target: unknown, property: unknown, descriptor?: PropertyDescriptor) => {
    if (isStandardContext(property)) {
      standardOption(spec, property);
      return;
    }
    applyOption(spec, target as object, property as string | symbol, descriptor);
  };
}

function standardOption(spec: OptionSpec, context: StandardContext): void {
  if (
    context.kind !== 'field' ||
    context.static === true ||
    context.private === true ||
    typeof context.name !== 'string'
  ) {
    fail(
      standardMemberLabel(context),
      'it is not a public instance field with a string name.',
      'DEFINITION_NOT_A_PROPERTY',
      'Put @Option on plain instance fields of the options class, e.g. `@Option() header = true;`.',
    );
  }
  const name = context.name;
  addPendingStep(standardMetadata('@Option', context), (cls) =>
    applyOption(spec, cls.prototype as object, name, undefined),
  );
}

/** What `@Option` writes (also used by `defineOptions`). @internal */
export function applyOption(
  spec: OptionSpec,
  prototype: object,
  property: string | symbol,
  descriptor: PropertyDescriptor | undefined,
): void {
  const where = memberLabel(prototype, property);
  if (typeof property !== 'string' || typeof prototype === 'function' || descriptor !== undefined) {
    fail(
      where,
      'it is not an instance property with a string name.',
      'DEFINITION_NOT_A_PROPERTY',
      'Put @Option on plain instance properties of the options class, e.g. `@Option() header = true;`.',
    );
  }
  if (spec.type !== undefined && !TYPES.includes(spec.type)) {
    fail(
      where,
      '"type" must be String, Number, Boolean or Array.',
      'DEFINITION_INVALID_OPTION_SPEC',
      'Use one of String, Number, Boolean, Array, or omit it to use the type of the default.',
    );
  }
  if (spec.itemType !== undefined && !ITEM_TYPES.includes(spec.itemType)) {
    fail(
      where,
      '"itemType" must be String, Number or Boolean.',
      'DEFINITION_INVALID_OPTION_SPEC',
      'Use one of String, Number, Boolean for the items of a list option.',
    );
  }
  if (spec.allowed !== undefined && !Array.isArray(spec.allowed)) {
    fail(
      where,
      '"allowed" must be an array of values.',
      'DEFINITION_INVALID_OPTION_SPEC',
      'Give the allowed values as an array, e.g. { allowed: ["csv", "json"] }.',
    );
  }
  const target = prototype.constructor;
  const own = readOwnMetadata<readonly OptionRecord[]>(OPTION_PROPERTIES, target);
  const base = own ?? readMetadata<readonly OptionRecord[]>(OPTION_PROPERTIES, target) ?? [];
  const record: OptionRecord = Object.freeze({ ...spec, property });
  writeMetadata(
    OPTION_PROPERTIES,
    [...base.filter((o) => o.property !== property), record],
    target,
  );
}
