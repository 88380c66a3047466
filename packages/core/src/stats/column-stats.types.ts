/** One frequent value of a column and how many rows hold it. */
export interface TopValueStats {
  readonly value: string | boolean;
  readonly count: number;
}

/**
 * Statistics of one dataset column, JSON-safe, computed in one pass over the values while a
 * dataset is packed (csv and jsonl by core, parquet and arrow by `@stowage/tables`).
 *
 * @remarks
 * `count` is the number of non-null values (NaN counts as a value, and is also counted in
 * `nans`); `nulls` counts null and missing cells. Numbers (integers, floats, bigints) get `min`,
 * `max`, `mean` and `std` (sample standard deviation, as pandas' `describe`), NaN excluded;
 * integers outside the safe range and non-finite values are written as text. Dates and
 * timestamps get `min`/`max` as ISO text. Strings, categoricals and booleans get `distinct` and
 * the `top` values; `distinctExact` and `topExact` say whether those are exact or estimates (see
 * `ValueSketch`).
 */
export interface ColumnStats {
  readonly type: string;
  readonly count: number;
  readonly nulls: number;
  readonly nans?: number;
  readonly min?: number | string;
  readonly max?: number | string;
  readonly mean?: number | string;
  readonly std?: number | string;
  readonly distinct?: number;
  readonly distinctExact?: boolean;
  readonly top?: readonly TopValueStats[];
  readonly topExact?: boolean;
}
