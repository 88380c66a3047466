/** One row of the demo dataset: two features, a binary label, and which split it belongs to. */
export interface Sample {
  readonly x1: number;
  readonly x2: number;
  readonly label: 0 | 1;
  readonly split: 'train' | 'test';
}

/** The feature columns of a {@link Sample}, in model order. */
export const FEATURES = ['x1', 'x2'] as const;

/** The name of one feature column. */
export type Feature = (typeof FEATURES)[number];
