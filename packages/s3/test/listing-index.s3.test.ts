import 'reflect-metadata';
import { describeListingIndex } from '../../core/test/listing/helpers/listing-suite';
import { S3Store } from '../src/s3.store';
import { describeS3, freshBucket } from './helpers/s3-test-server';

// The core listing index suite (packages/core/test/listing) against S3: no atomic append and no
// conditional put, so only the segment-and-snapshot design keeps concurrent writers safe.
describeS3('Listing index on S3', () => {
  describeListingIndex(
    'Listing index (S3 store)',
    async () => {
      const bucket = await freshBucket();
      const store = new S3Store(bucket.options);
      return {
        store,
        env: { STOWAGE_S3_OPTIONS: JSON.stringify(bucket.options) },
        dispose: async () => {
          await store.close();
          await bucket.cleanup();
        },
      };
    },
    { writers: 3, versions: 3, runs: 1 },
  );
});
