import type { ColumnStats } from './column-stats.types';

/** A number as a stats field: exact integers past 2^53 and non-finite values as text. */
export function statNumber(n: number | bigint): number | string {
  if (typeof n === 'bigint')
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(n)
      : n.toString();
  return Number.isFinite(n) ? n : String(n);
}

/**
 * Running count, mean and sample variance of a numeric column (sums shifted by the first value,
 * for accuracy), with min and max (numbers or exact bigints); NaN is counted apart.
 */
export class RunningMoments {
  n = 0;
  nans = 0;
  shift = 0;
  sum = 0;
  sumSquares = 0;
  min: number | bigint | undefined;
  max: number | bigint | undefined;

  /** Adds a value to the moments (not to the range: see {@link RunningMoments.range}). */
  add(x: number): void {
    if (x !== x) {
      this.nans++;
      return;
    }
    if (this.n === 0) this.shift = x;
    this.n++;
    const d = x - this.shift;
    this.sum += d;
    this.sumSquares += d * d;
  }

  /** Widens min and max to hold `x` (NaN ignored). */
  range(x: number | bigint): void {
    if (x !== x) return;
    if (this.min === undefined || x < this.min) this.min = x;
    if (this.max === undefined || x > this.max) this.max = x;
  }

  /** The `nans`, `min`, `max`, `mean` and `std` fields of the column's stats. */
  stats(): Partial<ColumnStats> {
    if (this.n === 0) return this.nans > 0 ? { nans: this.nans } : {};
    const mean = this.shift + this.sum / this.n;
    const variance =
      this.n > 1
        ? Math.max(0, (this.sumSquares - (this.sum * this.sum) / this.n) / (this.n - 1))
        : 0;
    return {
      ...(this.nans > 0 ? { nans: this.nans } : {}),
      min: statNumber(this.min ?? 0),
      max: statNumber(this.max ?? 0),
      mean: statNumber(mean),
      std: statNumber(Math.sqrt(variance)),
    };
  }
}
