import { isTagName } from '../artifacts/artifact-names';
import { ARTIFACT_TYPE_PATTERN } from '../artifacts/artifact-type';
import type { ErrorCode } from '../errors/error-codes';
import { quoteInput } from '../errors/input-guard';
import { LogHintError } from '../errors/log-hint.error';
import { LOG_HINT_FIELDS, type Itemized, type LogHint, type LogHintInit } from './log-hint';
import { KEY_PATTERN, OPTION_NAME_PATTERN } from './log-hint-patterns';

const FIELDS: ReadonlySet<string> = new Set(LOG_HINT_FIELDS);
const VALIDATED = Symbol.for('@stowage/core:validated-log-hint');
/** The frozen value of every absent map field (options, labels, …); frozen, so safe to share. */
const NONE: Readonly<Record<string, never>> = Object.freeze({});

/**
 * Validates an object-form hint and returns a new frozen {@link LogHint}; the input is not
 * modified.
 * @internal
 * @throws LogHintError naming the field that is wrong.
 */
export function normalizeLogHint(init: LogHintInit): LogHint {
  const where = typeof init.key === 'string' ? `The log hint for "${init.key}"` : 'A log hint';
  const fail = (
    code: ErrorCode,
    what: string,
    fix: string,
    details: Record<string, unknown> = {},
  ): never => {
    throw new LogHintError(`${where} ${what}`, {
      code,
      details: { key: init.key, ...details },
      fix,
    });
  };
  for (const field of Object.keys(init)) {
    if (!FIELDS.has(field)) {
      const guess = suggest(field);
      fail(
        'LOG_HINT_UNKNOWN_FIELD',
        `has an unknown field "${field}".`,
        `${guess === undefined ? '' : `Did you mean "${guess}"? `}Valid fields: ${LOG_HINT_FIELDS.join(', ')}; put packing options under "options".`,
        { field, validFields: [...LOG_HINT_FIELDS] },
      );
    }
  }
  const key = init.key as unknown;
  if (key === undefined || key === '')
    fail('LOG_HINT_EMPTY_KEY', 'has no key.', "Give the output's key, e.g. { key: 'model' }.");
  if (typeof key !== 'string')
    fail(
      'LOG_HINT_BAD_FIELD',
      `has a key that is not a string (${typeof key}).`,
      'Give the key as a string.',
      { field: 'key' },
    );
  if (!KEY_PATTERN.test(key as string)) {
    const star = (key as string).includes('*');
    fail(
      'LOG_HINT_BAD_KEY',
      `has the key ${quoteInput(key)}, which has a character that is not allowed.`,
      star
        ? "In object form, ask for unbundling with { itemized: true } (or a depth) instead of '*' in the key."
        : 'Use up to 200 letters, digits, "_", "." and "-", starting with a letter, digit or "_" and not ending with ".".',
    );
  }
  const artifactType = init.artifactType as unknown;
  if (
    artifactType !== undefined &&
    (typeof artifactType !== 'string' || !ARTIFACT_TYPE_PATTERN.test(artifactType))
  ) {
    fail(
      'LOG_HINT_BAD_ARTIFACT_TYPE',
      `has an invalid artifactType ${quoteInput(artifactType)}.`,
      'Use a word of letters, digits, "-" or "_" starting with a letter (e.g. "file"), or omit it for the default.',
    );
  }
  // "" means no tag, as in MLRun.
  const tag = init.tag === '' ? undefined : (init.tag as unknown);
  if (tag !== undefined && (typeof tag !== 'string' || !isTagName(tag))) {
    fail(
      'LOG_HINT_BAD_TAG',
      `has an invalid tag ${quoteInput(tag)}.`,
      'Use the rule of artifact tags: up to 200 letters, digits, "_", "." and "-", starting with a letter, digit or "_" and not ending with "." (e.g. "v2").',
    );
  }
  const options = record(init.options, 'options', fail);
  for (const name of Object.keys(options)) {
    if (!OPTION_NAME_PATTERN.test(name)) {
      fail(
        'LOG_HINT_BAD_OPTION_NAME',
        `has an invalid option name ${JSON.stringify(name)}.`,
        "Option names are identifiers: the properties of the packer's options class.",
        { option: name },
      );
    }
  }
  const labels = record(init.labels, 'labels', fail);
  for (const [name, value] of Object.entries(labels)) {
    if (typeof value !== 'string') {
      fail(
        'LOG_HINT_BAD_FIELD',
        `has the label "${name}" with a ${typeof value} value.`,
        `Labels are strings: write ${name}: String(value).`,
        { field: 'labels', label: name },
      );
    }
  }
  const hint: LogHint = {
    key: key as string,
    artifactType: artifactType as string | undefined,
    options,
    tag: tag as string | undefined,
    itemized: itemizedOf(init.itemized, fail),
    labels: labels as Record<string, string>,
    extraData: record(init.extraData, 'extraData', fail),
    metrics: record(init.metrics, 'metrics', fail),
  };
  Object.defineProperty(hint, VALIDATED, { value: true });
  return Object.freeze(hint);
}

/**
 * The hint of a string that is only a valid key: the same frozen shape
 * `normalizeLogHint({ key })` returns, built without re-validating. @internal
 */
export function keyOnlyHint(key: string): LogHint {
  const hint: LogHint = {
    key,
    artifactType: undefined,
    options: NONE,
    tag: undefined,
    itemized: false,
    labels: NONE,
    extraData: NONE,
    metrics: NONE,
  };
  Object.defineProperty(hint, VALIDATED, { value: true });
  return Object.freeze(hint);
}

/** True for a hint this module built (frozen, so still valid): parsing it again is skipped. @internal */
export function isValidatedHint(value: object): value is LogHint {
  return Object.prototype.hasOwnProperty.call(value, VALIDATED) && Object.isFrozen(value);
}

type Fail = (
  code: ErrorCode,
  what: string,
  fix: string,
  details?: Record<string, unknown>,
) => never;

function itemizedOf(value: unknown, fail: Fail): Itemized {
  if (value === undefined || value === 0) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(
      'LOG_HINT_BAD_LEVEL',
      `has itemized ${quoteInput(value)}, which is not a boolean or a whole number of levels.`,
      'Use true (split all the way down), false, or a positive whole number of levels.',
      { field: 'itemized' },
    );
  }
  return value;
}

/** A frozen own-property copy of a plain-object field (`{}` when absent). */
function record(value: unknown, field: string, fail: Fail): Readonly<Record<string, unknown>> {
  if (value === undefined) return NONE;
  const proto =
    typeof value === 'object' && value !== null
      ? (Object.getPrototypeOf(value) as unknown)
      : undefined;
  if (proto !== Object.prototype && proto !== null) {
    fail(
      'LOG_HINT_BAD_FIELD',
      `has a "${field}" that is not a plain object.`,
      `Give "${field}" as an object literal, e.g. { name: value }.`,
      { field },
    );
  }
  const copy: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value as object)) {
    Object.defineProperty(copy, name, { value: item, enumerable: true });
  }
  return Object.freeze(copy);
}

/** The valid field that `field` most likely meant (`artifact_type` → `artifactType`). */
function suggest(field: string): string | undefined {
  const squash = (s: string): string => s.toLowerCase().replace(/[_-]/g, '');
  const aliases: Readonly<Record<string, string>> = {
    packingkwargs: 'options',
    type: 'artifactType',
    itemize: 'itemized',
  };
  return LOG_HINT_FIELDS.find((f) => squash(f) === squash(field)) ?? aliases[squash(field)];
}
