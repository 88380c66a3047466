/**
 * A value a log hint can give a packing option: what the string grammar can express.
 *
 * @remarks
 * Object-form and builder hints may pass any value; the packer's options class validates it.
 */
export type LogHintValue = string | number | boolean | null | readonly LogHintValue[];

/**
 * How deep a `*key` hint splits a collection: `false` (not at all), `true` (all the way down), or
 * a positive number of levels.
 */
export type Itemized = boolean | number;

/**
 * What a user writes to ask for an output to be logged, in object form.
 *
 * @remarks
 * Only `key` is required. Unknown fields are rejected (there is no "every other field is a
 * packing option" legacy form): put packing options under `options`.
 */
export interface LogHintInit {
  /** The artifact or result key, e.g. `model`. */
  readonly key: string;
  /** How to store the value (`file`, `result`, …); omitted: the packager's default. */
  readonly artifactType?: string | undefined;
  /** Packing options for the artifact type's pack method, e.g. `{ format: 'csv' }`. */
  readonly options?: Readonly<Record<string, unknown>> | undefined;
  /** A tag to move to the logged version, e.g. `v2`; `""` means no tag (as in MLRun). */
  readonly tag?: string | undefined;
  /** Split a collection into one output per item (see {@link Itemized}); `0` means `false`. */
  readonly itemized?: Itemized | undefined;
  /** Labels set on the artifact. */
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** Extra data of the artifact; a value `'...'` links to the run's output of that key. */
  readonly extraData?: Readonly<Record<string, unknown>> | undefined;
  /** Metrics of a model artifact; a value `'...'` links to the run's result of that key. */
  readonly metrics?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * A parsed, validated log hint: every field present, the object and its maps frozen.
 *
 * @remarks
 * Built only by {@link parseLogHint} (from a string, an object or a builder); code that packs
 * values reads this shape and never the user's input.
 */
export interface LogHint {
  readonly key: string;
  /** `undefined`: use the packager's default packing artifact type. */
  readonly artifactType: string | undefined;
  readonly options: Readonly<Record<string, unknown>>;
  /** `undefined`: no tag besides `latest`. */
  readonly tag: string | undefined;
  readonly itemized: Itemized;
  readonly labels: Readonly<Record<string, string>>;
  readonly extraData: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, unknown>>;
}

/** The field names of a {@link LogHint}, in the order they are documented. */
export const LOG_HINT_FIELDS = Object.freeze([
  'key',
  'artifactType',
  'options',
  'tag',
  'itemized',
  'labels',
  'extraData',
  'metrics',
] as const);

/** The string grammar of a log hint, shown in every syntax error. */
export const LOG_HINT_GRAMMAR = '[N]*key [: artifactType [ [option=value, ...] ]]';
