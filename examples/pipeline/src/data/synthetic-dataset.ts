import { SeededRandom } from './random';
import type { Sample } from './sample';

/** How to generate the demo dataset. */
export interface SyntheticOptions {
  readonly rows: number;
  readonly seed: number;
  /** Fraction of rows put in the `test` split (every n-th row, so it is deterministic). */
  readonly testFraction: number;
}

/**
 * Generates two overlapping Gaussian clouds, one per class, with four-decimal features.
 *
 * @remarks
 * Class 1 is centred at (1, 0.8), class 0 at (-1, -0.5), both with unit spread, so a linear model
 * reaches about 90% accuracy: good enough to show, not trivially perfect. Rounding to four
 * decimals makes the values survive a CSV round trip exactly.
 */
export function syntheticDataset(options: SyntheticOptions): Sample[] {
  const random = new SeededRandom(options.seed);
  const every = Math.max(2, Math.round(1 / options.testFraction));
  const rows: Sample[] = [];
  for (let i = 0; i < options.rows; i++) {
    const label = random.next() < 0.5 ? 0 : 1;
    const [cx, cy] = label === 1 ? [1, 0.8] : [-1, -0.5];
    rows.push({
      x1: round4(random.normal(cx, 1)),
      x2: round4(random.normal(cy, 1)),
      label,
      split: i % every === 0 ? 'test' : 'train',
    });
  }
  return rows;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
