import type { ErrorCode } from '../errors/error-codes';
import { plainToInstance } from 'class-transformer';
import { OptionsError } from '../errors/options.error';
import { describeOptions, optionSummaries } from './describe-options';
import { convertOption, firstDisallowed, NOT_CONVERTIBLE } from './option-conversion';
import { deepFreeze } from './deep-freeze';
import type { OptionDefinition, OptionsSchema } from './options-schema';
import { isPlainObject } from '../objects';

/** Where the options are used, for error messages. */
export interface OptionsUse {
  readonly packager: string;
  readonly artifactType: string;
}

function hasKeys(record: Record<string, unknown>): boolean {
  for (const key in record) if (Object.prototype.hasOwnProperty.call(record, key)) return true;
  return false;
}

function fail(
  schema: OptionsSchema,
  use: OptionsUse,
  code: ErrorCode,
  option: string,
  what: string,
  fix: string,
): never {
  const place = `@Pack("${use.artifactType}") of ${use.packager}`;
  throw new OptionsError(
    `Packing option "${option}" for ${place} ${what}\n  ${describeOptions(schema.options)}`,
    {
      code,
      details: {
        option,
        packager: use.packager,
        artifactType: use.artifactType,
        validOptions: optionSummaries(schema.options),
      },
      fix,
    },
  );
}

/**
 * Validates and converts the packing options of a log hint against a pack method's schema.
 *
 * @remarks
 * Returns a new, frozen instance of the options class (built with class-transformer's
 * `plainToInstance`) holding the defaults overridden by the converted hint values; with no
 * options it returns the shared frozen defaults. The caller's object is only read.
 *
 * @throws OptionsError `OPTIONS_UNKNOWN`, `OPTIONS_WRONG_TYPE`, `OPTIONS_NOT_ALLOWED`,
 * `OPTIONS_NOT_AN_OBJECT`; the message names the option, packager and artifact type and lists the
 * valid options with their types and defaults.
 */
export function resolveOptions(schema: OptionsSchema, raw: unknown, use: OptionsUse): object {
  if (raw === undefined || raw === null) return schema.defaults;
  if (!isPlainObject(raw)) {
    fail(
      schema,
      use,
      'OPTIONS_NOT_AN_OBJECT',
      '(options)',
      `are given as ${Array.isArray(raw) ? 'an array' : typeof raw}, not as a plain object of values.`,
      'Pass the options as { name: value } pairs (or as `key:type[name=value]` in a log hint).',
    );
  }
  if (!hasKeys(raw)) return schema.defaults;
  const plain: Record<string, unknown> = {};
  for (const name of Object.keys(raw)) {
    const option: OptionDefinition | undefined = schema.options.find((o) => o.name === name);
    if (option === undefined) {
      fail(
        schema,
        use,
        'OPTIONS_UNKNOWN',
        name,
        'is not a known option.',
        schema.options.length === 0
          ? 'Remove the options from the log hint: this artifact type takes none.'
          : 'Check the spelling, or choose another artifact type whose pack method declares it.',
      );
    }
    const value = convertOption(option, raw[name]);
    if (value === NOT_CONVERTIBLE) {
      fail(
        schema,
        use,
        'OPTIONS_WRONG_TYPE',
        name,
        `cannot be read as a ${option.kind}: ${JSON.stringify(raw[name])}.`,
        `Give a ${option.kind === 'list' ? 'comma-separated list or array' : option.kind} value.`,
      );
    }
    const bad = firstDisallowed(option, value);
    if (bad !== NOT_CONVERTIBLE) {
      fail(
        schema,
        use,
        'OPTIONS_NOT_ALLOWED',
        name,
        `does not allow ${JSON.stringify(bad)}.`,
        `Use one of ${JSON.stringify(option.allowed)}.`,
      );
    }
    plain[name] = value;
  }
  if (schema.optionsClass === undefined) return deepFreeze({ ...plain });
  const instance = plainToInstance(schema.optionsClass as new () => object, plain);
  return deepFreeze(instance);
}
