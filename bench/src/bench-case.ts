import type { RepetitionPlan, Stats } from './harness';

/** A target a case's figure must reach: on the Stowage figure itself, or on the ratio. */
export interface Target {
  /** Which figure the target applies to. */
  readonly on: 'stowage' | 'ratio';
  readonly op: '<=' | '>=';
  readonly value: number;
}

/** A named comparison reported beside a case's main one (e.g. pickle beside np.save). */
export interface SubResult {
  readonly id: string;
  readonly stowage: Stats;
  readonly baseline: Stats;
  readonly ratio: number;
  readonly ratioMeaning: string;
}

/** What a case's `run` returns: either figures, or the reason it could not measure. */
export type CaseOutcome =
  | {
      readonly stowage: Stats;
      readonly baseline?: Stats;
      readonly ratio?: number;
      /** What `ratio` means, e.g. "stowage MB/s ÷ baseline MB/s". */
      readonly ratioMeaning?: string;
      readonly extra?: readonly SubResult[];
      readonly notes?: readonly string[];
      /** What limits the figure on this machine (e.g. the measured sha256 speed), as text. */
      readonly bound?: string;
    }
  | { readonly skipped: string; readonly notes?: readonly string[] };

/** What every case receives. */
export interface CaseContext {
  /** True under `--quick`: data sizes are divided by 8. */
  readonly quick: boolean;
  /** 1, or 1/8 under `--quick`: multiply full-run sizes by it. */
  readonly scale: number;
  /** Warm-up and measured repetitions (at least 5 measured). */
  readonly plan: RepetitionPlan;
  /** A fresh directory under `os.tmpdir()`, removed by the runner when the case ends. */
  tempDir(): Promise<string>;
  /** Progress messages (stderr, so stdout stays the table). */
  log(message: string): void;
}

/** One benchmark case: `bench/src/cases/<id>.case.ts` exports one. */
export interface BenchCase {
  /** The stable id used in `bench/results/latest.json`. */
  readonly id: string;
  /** One line saying what is measured against what. */
  readonly title: string;
  readonly target?: Target;
  run(ctx: CaseContext): Promise<CaseOutcome>;
}

/** Rounds `bytes × scale` down to a multiple of `multiple` (at least one multiple). */
export function scaled(bytes: number, scale: number, multiple = 1): number {
  return Math.max(multiple, Math.floor((bytes * scale) / multiple) * multiple);
}
