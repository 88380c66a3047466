/** Counts of a binary classifier's outcomes. */
export interface ConfusionMatrix {
  readonly truePositive: number;
  readonly falsePositive: number;
  readonly trueNegative: number;
  readonly falseNegative: number;
}

/** One point of a ROC curve. */
export interface RocPoint {
  readonly threshold: number;
  readonly falsePositiveRate: number;
  readonly truePositiveRate: number;
}

/** The confusion matrix of scores cut at `threshold` against 0/1 labels. */
export function confusionMatrix(
  scores: readonly number[],
  labels: readonly number[],
  threshold = 0.5,
): ConfusionMatrix {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    const predicted = s >= threshold;
    const actual = labels[i] === 1;
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
    else tn++;
  });
  return { truePositive: tp, falsePositive: fp, trueNegative: tn, falseNegative: fn };
}

/** The share of correct predictions in a confusion matrix. */
export function accuracyOf(m: ConfusionMatrix): number {
  const total = m.truePositive + m.falsePositive + m.trueNegative + m.falseNegative;
  return total === 0 ? 0 : (m.truePositive + m.trueNegative) / total;
}

/**
 * The ROC curve of scores against 0/1 labels, from (0, 0) to (1, 1), one point per distinct score.
 */
export function rocCurve(scores: readonly number[], labels: readonly number[]): RocPoint[] {
  const order = scores.map((s, i) => [s, labels[i] === 1] as const).sort((a, b) => b[0] - a[0]);
  const positives = order.filter(([, p]) => p).length;
  const negatives = order.length - positives;
  const points: RocPoint[] = [{ threshold: Infinity, falsePositiveRate: 0, truePositiveRate: 0 }];
  let tp = 0;
  let fp = 0;
  order.forEach(([score, positive], i) => {
    if (positive) tp++;
    else fp++;
    if (i === order.length - 1 || order[i + 1]?.[0] !== score) {
      points.push({
        threshold: score,
        falsePositiveRate: fp / Math.max(1, negatives),
        truePositiveRate: tp / Math.max(1, positives),
      });
    }
  });
  return points;
}

/** The area under a ROC curve (trapezoids). */
export function areaUnderCurve(points: readonly RocPoint[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a === undefined || b === undefined) continue;
    area +=
      ((b.falsePositiveRate - a.falsePositiveRate) * (a.truePositiveRate + b.truePositiveRate)) / 2;
  }
  return area;
}
