import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { describeRoundTripMatrix } from '../../core/test/round-trip/helpers/matrix-suite';
import { S3Store } from '../src/s3.store';
import { describeS3, freshBucket } from './helpers/s3-test-server';

// The core round-trip matrix (packages/core/test/round-trip) against S3: skipped with a warning
// when no S3 server answers, run (and failing if unreachable) under CI.
describeS3('Round-trip matrix on S3', () => {
  describeRoundTripMatrix('Round-trip matrix (S3 store)', async () => {
    const bucket = await freshBucket();
    return [
      {
        name: 's3',
        store: new S3Store({ ...bucket.options, prefix: `m-${randomBytes(6).toString('hex')}` }),
        dispose: bucket.cleanup,
      },
    ];
  });
});
