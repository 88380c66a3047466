import 'reflect-metadata';
import { join } from 'node:path';
import { LocalStore } from '../../src/stores/local.store';
import { MemoryStore } from '../../src/stores/memory.store';
import { KNOWN_DIFFERENT_UNTIL_MERGE } from './helpers/known-different';
import { describeRoundTripMatrix } from './helpers/matrix-suite';

// KNOWN_DIFFERENT_UNTIL_MERGE (helpers/known-different.ts) must be empty once issue 22's branches
// are merged; the matrix fails on any entry that starts passing. The S3 run is in packages/s3/test.
describeRoundTripMatrix(
  'Round-trip matrix (memory and local stores)',
  async (dir) => [
    { name: 'memory', store: new MemoryStore({ name: 'matrix' }) },
    { name: 'local', store: new LocalStore({ root: join(dir, 'local') }) },
  ],
  KNOWN_DIFFERENT_UNTIL_MERGE,
);
