import { randomBytes } from 'node:crypto';
import { describeStoreLifecycle } from '@stowage/testing';
import { S3Store } from '../src/s3.store';
import { describeS3, freshBucket } from './helpers/s3-test-server';

describeS3('S3Store lifecycle', () => {
  let bucket: Awaited<ReturnType<typeof freshBucket>> | undefined;
  beforeAll(async () => {
    bucket = await freshBucket();
  });
  afterAll(async () => {
    await bucket?.cleanup();
  });

  // A fresh prefix per test; the bucket (and everything in it) is deleted after the file.
  describeStoreLifecycle(
    'S3Store',
    () => new S3Store({ ...bucket!.options, prefix: `l-${randomBytes(6).toString('hex')}` }),
    { timeout: 60_000 },
  );
});
