import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Summary of the repetitions of one measurement: median, minimum and maximum in `unit`. */
export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  /** Number of repetitions summarised (warm-ups excluded). */
  readonly n: number;
}

/**
 * One side of a comparison: a function that runs one repetition and returns its measured value.
 *
 * @remarks
 * The function does its own untimed setup and cleanup and times only what is measured (see
 * {@link timeMs}), so a repetition can include preparing a file or removing the one it wrote.
 */
export type Repetition = () => Promise<number>;

/** How many repetitions to run, and how many to discard first. */
export interface RepetitionPlan {
  readonly warmup: number;
  readonly reps: number;
}

/** Repetitions the disk-bound array cases take at least (see {@link atLeast}). */
export const DISK_BOUND_REPS = 9;

/**
 * `plan` with at least `reps` measured repetitions: for the disk-bound array cases, where one
 * repetition in five may hit a stall of the virtual disk (100+ ms on either side), so a median
 * of five swings by several percent between runs.
 */
export function atLeast(plan: RepetitionPlan, reps = DISK_BOUND_REPS): RepetitionPlan {
  return { ...plan, reps: Math.max(plan.reps, reps) };
}

/** Samples of two subjects measured together in one process run. */
export interface PairedSamples {
  readonly stowage: number[];
  readonly baseline: number[];
}

let gcFunction: (() => void) | undefined;

/**
 * Runs a full garbage collection, so garbage of one repetition is not charged to the next.
 *
 * @remarks
 * The root script runs plain `node` without `--expose-gc`; the flag is set at run time and the
 * `gc` function fetched from a fresh context, which V8 supports for exactly this purpose.
 */
export function collectGarbage(): void {
  if (gcFunction === undefined) {
    setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as () => void;
  }
  gcFunction();
}

/** Milliseconds elapsed while `fn` ran (monotonic clock). */
export async function timeMs(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Runs two subjects with their repetitions interleaved, after warm-ups of both.
 *
 * @remarks
 * Repetition `i` runs `stowage` then `baseline` when `i` is even and the reverse when it is odd
 * (ABBA order), so drift (thermal, page cache, other load on the machine) and any advantage of
 * running second fall on both sides alike. Garbage is collected before every repetition.
 */
export async function interleave(
  stowage: Repetition,
  baseline: Repetition,
  plan: RepetitionPlan,
): Promise<PairedSamples> {
  for (let i = 0; i < plan.warmup; i += 1) {
    collectGarbage();
    await stowage();
    collectGarbage();
    await baseline();
  }
  const samples: PairedSamples = { stowage: [], baseline: [] };
  for (let i = 0; i < plan.reps; i += 1) {
    const order: Array<[Repetition, number[]]> = [
      [stowage, samples.stowage],
      [baseline, samples.baseline],
    ];
    if (i % 2 === 1) order.reverse();
    for (const [run, into] of order) {
      collectGarbage();
      into.push(await run());
    }
  }
  return samples;
}

/** Runs one subject alone (for measurements with nothing to compare against). */
export async function repeat(run: Repetition, plan: RepetitionPlan): Promise<number[]> {
  for (let i = 0; i < plan.warmup; i += 1) {
    collectGarbage();
    await run();
  }
  const samples: number[] = [];
  for (let i = 0; i < plan.reps; i += 1) {
    collectGarbage();
    samples.push(await run());
  }
  return samples;
}

/** The median, min and max of `samples` (at least one). */
export function summarize(samples: readonly number[], unit: string): Stats {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, unit, n: sorted.length };
}

/** Both sides of a comparison summarised, and the ratio of their medians. */
export interface RatioFigures {
  readonly stowage: Stats;
  readonly baseline: Stats;
  /** `stowage.median ÷ baseline.median`, or the inverse with `inverse: true`. */
  readonly ratio: number;
}

/** How {@link ratioOutcome} turns raw samples into figures. */
export interface RatioOptions {
  /** Maps a side's raw samples (usually milliseconds) to the reported unit; default: as they are. */
  readonly convert?: (samples: readonly number[]) => number[];
  /** Report `baseline ÷ stowage` instead (a speed-up of Stowage over the baseline). */
  readonly inverse?: boolean;
}

/**
 * The tail every comparison shares: summarise both sides (after `convert`) and divide the medians.
 *
 * @param units - one unit for both sides, or `[stowage unit, baseline unit]`.
 * @example
 * ```ts
 * return { ...ratioOutcome(samples, 'MB/s', { convert: (ms) => toMegabytesPerSecond(bytes, ms) }), ratioMeaning };
 * ```
 */
export function ratioOutcome(
  samples:
    PairedSamples | { readonly stowage: readonly number[]; readonly baseline: readonly number[] },
  units: string | readonly [string, string],
  options: RatioOptions = {},
): RatioFigures {
  const [stowageUnit, baselineUnit] = typeof units === 'string' ? [units, units] : units;
  const convert = options.convert ?? ((values: readonly number[]) => [...values]);
  const stowage = summarize(convert(samples.stowage), stowageUnit);
  const baseline = summarize(convert(samples.baseline), baselineUnit);
  const ratio =
    options.inverse === true ? baseline.median / stowage.median : stowage.median / baseline.median;
  return { stowage, baseline, ratio };
}

/** Converts millisecond samples of moving `bytes` into throughput samples in MB/s (10^6 B/s). */
export function toMegabytesPerSecond(bytes: number, millis: readonly number[]): number[] {
  return millis.map((ms) => bytes / 1e6 / (ms / 1e3));
}

/** Converts millisecond samples of `count` operations into microseconds per operation. */
export function toMicrosPerOp(count: number, millis: readonly number[]): number[] {
  return millis.map((ms) => (ms * 1e3) / count);
}

/** Converts millisecond samples of `count` operations into operations per second. */
export function toOpsPerSecond(count: number, millis: readonly number[]): number[] {
  return millis.map((ms) => count / (ms / 1e3));
}
