import { randomBytes } from 'node:crypto';
import { describeStoreFormat } from '../../core/test/helpers/store-format-suite';
import { S3Store } from '../src/s3.store';
import { describeS3, freshBucket } from './helpers/s3-test-server';

describeS3('S3Store format versions and deduplication', () => {
  let bucket: Awaited<ReturnType<typeof freshBucket>> | undefined;
  beforeAll(async () => {
    bucket = await freshBucket();
  });
  afterAll(async () => {
    await bucket?.cleanup();
  });

  // A fresh prefix per test; the bucket (and everything in it) is deleted after the file.
  describeStoreFormat(
    'S3Store',
    () => new S3Store({ ...bucket!.options, prefix: `f-${randomBytes(6).toString('hex')}` }),
    { runs: 4, datasetBytes: 64 * 1024, writes: 8, timeout: 180_000 },
  );
});
