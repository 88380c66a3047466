/**
 * A trained logistic regression: one weight per feature (in a `Float64Array`) and a bias.
 *
 * @remarks
 * Stowage knows nothing about this class: the example's `LogisticModelPackager` teaches it to
 * store the model as a `model` artifact (a JSON record plus an `.npy` of the weights) and to
 * build it back.
 */
export class LogisticModel {
  constructor(
    /** Feature names, in the order of {@link LogisticModel.weights}. */
    readonly features: readonly string[],
    /** One weight per feature. */
    readonly weights: Float64Array,
    /** The intercept. */
    readonly bias: number,
  ) {
    if (weights.length !== features.length) {
      throw new RangeError(
        `LogisticModel has ${features.length} features but ${weights.length} weights.`,
      );
    }
  }

  /** The probability that `row` belongs to class 1. */
  score(row: object): number {
    const values = row as Readonly<Record<string, unknown>>;
    let z = this.bias;
    this.features.forEach((name, i) => {
      z += (this.weights[i] ?? 0) * Number(values[name]);
    });
    return 1 / (1 + Math.exp(-z));
  }

  /** The predicted class of `row` (1 when its score is at least `threshold`). */
  predict(row: object, threshold = 0.5): 0 | 1 {
    return this.score(row) >= threshold ? 1 : 0;
  }
}
