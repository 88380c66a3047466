import 'reflect-metadata';
import { join } from 'node:path';
import { LocalStore } from '../../src/stores/local.store';
import { MemoryStore } from '../../src/stores/memory.store';
import { describeRoundTripMatrix } from './helpers/matrix-suite';

// The S3 run of the same matrix is in packages/s3/test/round-trip-matrix.s3.test.ts.
describeRoundTripMatrix('Round-trip matrix (memory and local stores)', async (dir) => [
  { name: 'memory', store: new MemoryStore({ name: 'matrix' }) },
  { name: 'local', store: new LocalStore({ root: join(dir, 'local') }) },
]);
