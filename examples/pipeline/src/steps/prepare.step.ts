import { Handler, Param } from '@stowage/core';
// Registers the Parquet/Arrow packagers (arrays of records as `dataset[format=parquet]`).
import '@stowage/tables';
import type { Sample } from '../data/sample';
import { syntheticDataset } from '../data/synthetic-dataset';

/**
 * Step 1: makes the dataset. Returning an array of records is enough: with `@stowage/tables`
 * imported, `dataset : dataset[format=parquet]` stores it as a Parquet `dataset` artifact whose
 * record holds the schema, the row count, the first rows and per-column stats, and `train` gets
 * the same records back as an array.
 */
export class PrepareStep {
  /** Generates `rows` samples from `seed` (the same seed always gives the same rows). */
  @Handler({ name: 'prepare', outputs: ['dataset : dataset[format=parquet]'] })
  prepare(@Param('rows') rows = 3000, @Param('seed') seed = 7): Sample[] {
    return syntheticDataset({ rows, seed, testFraction: 0.2 });
  }
}
