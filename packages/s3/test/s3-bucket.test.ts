import { CreateMultipartUploadCommand, S3Client } from '@aws-sdk/client-s3';
import {
  deleteBucket,
  abortIncompleteUploads,
  ensureBucket,
  listIncompleteUploads,
} from '../src/s3-bucket';
import { s3ClientConfig } from '../src/s3-client.factory';
import { S3Store } from '../src/s3.store';
import { connection, describeS3, uniqueBucket } from './helpers/s3-test-server';

describeS3('bucket helpers', () => {
  describe('when ensuring a bucket', () => {
    it('should create it once and report that it existed the second time', async () => {
      const options = { ...connection, bucket: uniqueBucket() };
      try {
        expect(await ensureBucket(options)).toBe(true);
        expect(await ensureBucket(options)).toBe(false);
        const store = new S3Store(options);
        await store.put('a', Buffer.from('a'));
        expect((await store.get('a')).toString()).toBe('a');
        await store.close();
      } finally {
        await deleteBucket(options);
      }
    });
  });

  describe('when deleting a bucket', () => {
    it('should empty it first and accept a bucket that does not exist', async () => {
      const options = { ...connection, bucket: uniqueBucket() };
      await ensureBucket(options);
      const store = new S3Store(options);
      await store.put('x/1', Buffer.from('1'));
      await store.put('x/2', Buffer.from('2'));
      await deleteBucket(options);
      await expect(store.stat('x/1')).rejects.toMatchObject({ code: 'S3_NO_BUCKET' });
      await expect(deleteBucket(options)).resolves.toBeUndefined();
      await store.close();
    });
  });

  describe('when a multipart upload was left behind (a killed writer)', () => {
    it('should list it and abort it', async () => {
      const options = { ...connection, bucket: uniqueBucket(), prefix: 'p' };
      await ensureBucket(options);
      const client = new S3Client(s3ClientConfig(connection));
      try {
        const started = await client.send(
          new CreateMultipartUploadCommand({ Bucket: options.bucket, Key: 'p/orphan.bin' }),
        );
        const listed = await listIncompleteUploads(options);
        expect(listed.map((u) => [u.key, u.uploadId])).toEqual([
          ['p/orphan.bin', started.UploadId],
        ]);
        expect(await abortIncompleteUploads(options, 60_000)).toEqual([]);
        expect((await abortIncompleteUploads(options, 0)).map((u) => u.key)).toEqual([
          'p/orphan.bin',
        ]);
        expect(await listIncompleteUploads(options)).toEqual([]);
      } finally {
        client.destroy();
        await deleteBucket(options);
      }
    });
  });
});
