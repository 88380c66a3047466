import { LogisticModel } from './logistic-model';

/** Training settings of {@link fitLogistic}. */
export interface FitOptions {
  readonly features: readonly string[];
  readonly label: string;
  readonly learningRate: number;
  readonly epochs: number;
  /** L2 penalty on the weights (not the bias). */
  readonly l2: number;
}

/** A fitted model and its final training loss. */
export interface FitResult {
  readonly model: LogisticModel;
  readonly loss: number;
}

/**
 * Fits a logistic regression by full-batch gradient descent on the log loss.
 *
 * @remarks
 * Deterministic: weights start at zero and rows are visited in order. The input rows are only
 * read, never modified.
 */
export function fitLogistic(samples: readonly object[], options: FitOptions): FitResult {
  const rows = samples as ReadonlyArray<Readonly<Record<string, unknown>>>;
  const n = rows.length;
  const d = options.features.length;
  const x = rows.map((row) => options.features.map((f) => Number(row[f])));
  const y = rows.map((row) => Number(row[options.label]));
  const weights = new Float64Array(d);
  let bias = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const grad = new Float64Array(d);
    let gradBias = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i] ?? [];
      const error = sigmoid(dot(weights, xi) + bias) - (y[i] ?? 0);
      for (let j = 0; j < d; j++) grad[j] = (grad[j] ?? 0) + error * (xi[j] ?? 0);
      gradBias += error;
    }
    for (let j = 0; j < d; j++) {
      weights[j] =
        (weights[j] ?? 0) -
        options.learningRate * ((grad[j] ?? 0) / n + options.l2 * (weights[j] ?? 0));
    }
    bias -= (options.learningRate * gradBias) / n;
  }
  const model = new LogisticModel(options.features, weights, bias);
  return {
    model,
    loss: logLoss(
      rows.map((r) => model.score(r)),
      y,
    ),
  };
}

/** The mean log loss of predicted probabilities against 0/1 labels. */
export function logLoss(scores: readonly number[], labels: readonly number[]): number {
  const eps = 1e-12;
  let sum = 0;
  scores.forEach((p, i) => {
    const q = Math.min(1 - eps, Math.max(eps, p));
    sum += labels[i] === 1 ? -Math.log(q) : -Math.log(1 - q);
  });
  return scores.length === 0 ? 0 : sum / scores.length;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function dot(w: Float64Array, x: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < w.length; j++) s += (w[j] ?? 0) * (x[j] ?? 0);
  return s;
}
