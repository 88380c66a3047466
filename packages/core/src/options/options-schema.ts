import type { ErrorCode } from '../errors/error-codes';
import { DefinitionError } from '../errors/definition.error';
import { OPTION_PROPERTIES } from '../metadata/metadata-keys';
import { readMetadata } from '../metadata/metadata-store';
import type { OptionRecord } from './option-record';
import type { ConcreteConstructor } from '../types';
import { deepFreeze } from './deep-freeze';

/** The type of a packing option. */
export type OptionKind = 'string' | 'number' | 'boolean' | 'list';

/** The type of a list option's items. */
export type OptionItemKind = 'string' | 'number' | 'boolean';

/** One packing option as the validator sees it (built from `@Option` and the default). */
export interface OptionDefinition {
  readonly name: string;
  readonly kind: OptionKind;
  /** The item type of a list option; `undefined` for other kinds. */
  readonly itemKind: OptionItemKind | undefined;
  /** The allowed values (of each item, for a list); `undefined` when any value of the type goes. */
  readonly allowed: readonly unknown[] | undefined;
  readonly defaultValue: unknown;
  readonly description: string | undefined;
}

/** The packing options a pack method accepts. */
export interface OptionsSchema {
  /** The options class, or `undefined` when the method takes no options. */
  readonly optionsClass: ConcreteConstructor<object> | undefined;
  readonly options: readonly OptionDefinition[];
  /** Frozen instance holding every default: what the method gets when the hint sets nothing. */
  readonly defaults: object;
}

/** The schema of a pack method that takes no options. */
export const NO_OPTIONS: OptionsSchema = Object.freeze({
  optionsClass: undefined,
  options: Object.freeze([]),
  defaults: Object.freeze({}),
});

const KIND_OF = new Map<unknown, OptionItemKind | 'list'>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
  [Array, 'list'],
]);

function kindOfValue(value: unknown): OptionKind | undefined {
  if (Array.isArray(value)) return 'list';
  const t = typeof value;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : undefined;
}

function fail(where: string, option: string, what: string, code: ErrorCode, fix: string): never {
  throw new DefinitionError(`The option "${option}" (used by ${where}) ${what}`, {
    code,
    details: { where, option },
    fix,
  });
}

function defineOption(record: OptionRecord, value: unknown, where: string): OptionDefinition {
  const name = record.property;
  if (value === undefined) {
    fail(
      where,
      name,
      'has no default.',
      'DEFINITION_OPTION_WITHOUT_DEFAULT',
      `Initialise it, e.g. \`${name} = …;\`: every packing option needs a default so a plain log hint works.`,
    );
  }
  const kind = record.type === undefined ? kindOfValue(value) : KIND_OF.get(record.type);
  if (kind === undefined) {
    fail(
      where,
      name,
      'has a default that is not a string, number, boolean or array.',
      'DEFINITION_INVALID_OPTION_SPEC',
      'Use a default of one of those types, or declare `type` in @Option.',
    );
  }
  if (kindOfValue(value) !== kind) {
    fail(
      where,
      name,
      `has a default ${JSON.stringify(value)} that is not a ${kind}.`,
      'DEFINITION_INVALID_OPTION_SPEC',
      `Make the default a ${kind}, or fix the declared type.`,
    );
  }
  const items = kind === 'list' ? (value as readonly unknown[]) : [value];
  const first = kindOfValue(items[0]);
  const itemKind: OptionItemKind | undefined =
    kind !== 'list'
      ? undefined
      : record.itemType !== undefined
        ? (KIND_OF.get(record.itemType) as OptionItemKind)
        : first === 'string' || first === 'number' || first === 'boolean'
          ? first
          : 'string';
  if (itemKind !== undefined && items.some((item) => kindOfValue(item) !== itemKind)) {
    fail(
      where,
      name,
      `has list items that are not all ${itemKind}s.`,
      'DEFINITION_INVALID_OPTION_SPEC',
      `Make every item of the default a ${itemKind}, or set \`itemType\` in @Option.`,
    );
  }
  const allowed = record.allowed === undefined ? undefined : Object.freeze([...record.allowed]);
  const outside = allowed === undefined ? undefined : items.find((item) => !allowed.includes(item));
  if (outside !== undefined) {
    fail(
      where,
      name,
      `has a default ${JSON.stringify(outside)} outside its allowed values.`,
      'DEFINITION_INVALID_OPTION_SPEC',
      `Use one of ${JSON.stringify(allowed)} as the default.`,
    );
  }
  return Object.freeze({
    name,
    kind,
    itemKind,
    allowed,
    defaultValue: value,
    description: record.description,
  });
}

/**
 * Builds the schema of an options class: its `@Option` properties (inherited ones included) and
 * its other own properties, each with its type, allowed values and default.
 *
 * @throws DefinitionError `DEFINITION_INVALID_OPTIONS_CLASS` when the class cannot be built with no
 * arguments, `DEFINITION_OPTION_WITHOUT_DEFAULT` for an option with no default, and
 * `DEFINITION_INVALID_OPTION_SPEC` when a default does not fit its type or allowed values.
 */
export function buildOptionsSchema(
  optionsClass: ConcreteConstructor<object>,
  where: string,
): OptionsSchema {
  let instance: Record<string, unknown>;
  try {
    instance = new (optionsClass as new () => Record<string, unknown>)();
  } catch (cause) {
    throw new DefinitionError(
      `The options class ${optionsClass.name} of ${where} cannot be built with no arguments.`,
      {
        code: 'DEFINITION_INVALID_OPTIONS_CLASS',
        details: { where, optionsClass: optionsClass.name },
        cause,
        fix: 'Give the options class a constructor with no required arguments, and a default for every option.',
      },
    );
  }
  const records = new Map<string, OptionRecord>();
  for (const name of Object.keys(instance)) records.set(name, { property: name });
  for (const record of readMetadata<readonly OptionRecord[]>(OPTION_PROPERTIES, optionsClass) ??
    []) {
    records.set(record.property, record);
  }
  const options = [...records.values()].map((r) => defineOption(r, instance[r.property], where));
  return Object.freeze({
    optionsClass,
    options: Object.freeze(options),
    defaults: deepFreeze(instance),
  });
}
