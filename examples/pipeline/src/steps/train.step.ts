import { Handler, Input, Param } from '@stowage/core';
// Reads the Parquet dataset the prepare step logs (its packager comes with @stowage/tables).
import '@stowage/tables';
import type { Sample } from '../data/sample';
import { FEATURES } from '../data/sample';
import { fitLogistic } from '../model/fit-logistic';
import type { LogisticModel } from '../model/logistic-model';
import { accuracyOf, confusionMatrix } from '../model/metrics';

/** What `train` reports about the training split. */
export interface TrainMetrics {
  readonly accuracy: number;
  readonly loss: number;
  readonly rows: number;
}

/**
 * Step 2: fits the model on the `train` split of the dataset.
 *
 * @remarks
 * The dataset input arrives as an array of records (unpacked from the stored Parquet file). The two
 * returned values are logged by position: the model through the example's
 * `LogisticModelPackager`, the metrics split (`*metrics`) into the results `metrics_accuracy`, …
 */
export class TrainStep {
  /** Trains by gradient descent; returns the model and its training metrics. */
  @Handler({ name: 'train', outputs: ['model : model', '*metrics'] })
  train(
    @Input('dataset', Array) dataset: Sample[],
    @Param('epochs') epochs = 300,
    @Param('learningRate') learningRate = 0.5,
  ): [LogisticModel, TrainMetrics] {
    const rows = dataset.filter((row) => row.split === 'train');
    const { model, loss } = fitLogistic(rows, {
      features: FEATURES,
      label: 'label',
      epochs,
      learningRate,
      l2: 0.001,
    });
    const matrix = confusionMatrix(
      rows.map((r) => model.score(r)),
      rows.map((r) => Number(r.label)),
    );
    return [model, { accuracy: accuracyOf(matrix), loss, rows: rows.length }];
  }
}
