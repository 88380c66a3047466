import { Handler, Param } from '@stowage/core';
import type { Sample } from '../data/sample';
import { syntheticDataset } from '../data/synthetic-dataset';

/**
 * Step 1: makes the dataset. Returning an array of records is enough: Stowage's builtin array
 * packager stores it as a `dataset` artifact (`dataset : dataset`, a CSV file whose record holds
 * the schema, the row count and the first rows), and `train` gets the records back as an array.
 */
export class PrepareStep {
  /** Generates `rows` samples from `seed` (the same seed always gives the same rows). */
  @Handler({ name: 'prepare', outputs: ['dataset : dataset'] })
  prepare(@Param('rows') rows = 3000, @Param('seed') seed = 7): Sample[] {
    return syntheticDataset({ rows, seed, testFraction: 0.2 });
  }
}
