import { randomBytes } from 'node:crypto';
import { describeStore } from '@stowage/testing';
import { S3Store } from '../src/s3.store';
import { describeS3, freshBucket } from './helpers/s3-test-server';

describeS3('S3Store conformance', () => {
  let bucket: Awaited<ReturnType<typeof freshBucket>> | undefined;
  beforeAll(async () => {
    bucket = await freshBucket();
  });
  afterAll(async () => {
    await bucket?.cleanup();
  });

  // A fresh prefix per test; the bucket (and everything in it) is deleted after the file.
  describeStore(
    'S3Store',
    () =>
      new S3Store({
        ...bucket!.options,
        prefix: `c-${randomBytes(6).toString('hex')}`,
        partSize: 5 * 1024 * 1024,
      }),
    { timeout: 60_000 },
  );
});
