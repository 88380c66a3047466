import { handler } from '@stowage/core';
// Reads the Parquet dataset the prepare step logs (its packager comes with @stowage/tables).
import '@stowage/tables';
import type { Sample } from '../data/sample';
import { LogisticModel } from '../model/logistic-model';
import {
  accuracyOf,
  areaUnderCurve,
  confusionMatrix,
  rocCurve,
  type ConfusionMatrix,
} from '../model/metrics';
import { rocPlotSvg } from '../plots/roc-plot';
import { SvgFigure } from '../plots/svg-figure';

/** What `evaluate` takes. */
export interface EvaluateArgs {
  readonly model: LogisticModel;
  readonly dataset: Sample[];
  readonly threshold?: number;
}

/** The test-split metrics `evaluate` returns. */
export interface EvaluateMetrics {
  readonly accuracy: number;
  readonly auc: number;
}

/**
 * Step 3: scores the `test` split with the stored model and draws its ROC curve.
 *
 * @remarks
 * Written as a plain function made into a handler (no class, no decorators): `inputs` gives
 * each input's type, so the model input is unpacked by the packager recorded with the model.
 * Outputs: the plot (through `SvgFigurePackager`), the metrics split into the results
 * `metrics_accuracy` and `metrics_auc`, and the confusion matrix kept whole as one result.
 */
export const evaluate = handler(
  ({
    model,
    dataset,
    threshold = 0.5,
  }: EvaluateArgs): [SvgFigure, EvaluateMetrics, ConfusionMatrix] => {
    const rows = dataset.filter((row) => row.split === 'test');
    const scores = rows.map((r) => model.score(r));
    const labels = rows.map((r) => Number(r.label));
    const confusion = confusionMatrix(scores, labels, threshold);
    const curve = rocCurve(scores, labels);
    const auc = areaUnderCurve(curve);
    const figure = new SvgFigure(
      rocPlotSvg(curve, auc, 'ROC curve (test split)'),
      'ROC curve of the test split',
    );
    return [figure, { accuracy: accuracyOf(confusion), auc }, confusion];
  },
  {
    name: 'evaluate',
    inputs: { model: LogisticModel, dataset: Array },
    params: ['threshold'],
    outputs: ['roc : plot', '*metrics', 'confusion : result'],
  },
);
