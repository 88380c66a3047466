import { Handler, Param } from '@stowage/core';
import type { Sample } from '../data/sample';
import { syntheticDataset } from '../data/synthetic-dataset';

/**
 * Step 1: makes the dataset. Returning an array of records is enough: Stowage's builtin array
 * packager stores it as a CSV file (`dataset : file[format=csv]`), and `train` gets the records
 * back as an array.
 *
 * @remarks
 * When the builtin array packager gains its `dataset` pack method (a `DatasetArtifact` with
 * schema, row count and preview), the hint becomes `dataset : dataset[format=csv]`.
 */
export class PrepareStep {
  /** Generates `rows` samples from `seed` (the same seed always gives the same rows). */
  @Handler({ name: 'prepare', outputs: ['dataset : file[format=csv]'] })
  prepare(@Param('rows') rows = 3000, @Param('seed') seed = 7): Sample[] {
    return syntheticDataset({ rows, seed, testFraction: 0.2 });
  }
}
