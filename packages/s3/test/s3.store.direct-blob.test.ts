import { createHash, randomBytes } from 'node:crypto';
import { Artifact, StoreArtifactRepository } from '@stowage/core';
import { S3Store } from '../src/s3.store';
import { describeS3, freshBucket } from './helpers/s3-test-server';

describeS3('S3Store with deduplicated blobs', () => {
  let bucket: Awaited<ReturnType<typeof freshBucket>> | undefined;
  beforeAll(async () => {
    bucket = await freshBucket();
  });
  afterAll(async () => {
    await bucket?.cleanup();
  });

  describe('when a big in-memory file is logged', () => {
    it('should upload it once at its blob path, with no server-side copy, and read it back', async () => {
      const store = new S3Store({ ...bucket!.options, prefix: 'direct' });
      const sent: string[] = [];
      store.client.middlewareStack.add(
        (next, context) => async (args) => {
          sent.push(String(context.commandName));
          return next(args);
        },
        { step: 'initialize', name: 'countCommands' },
      );
      const repo = new StoreArtifactRepository({ store });
      try {
        // Above the 8 MiB part size: a multipart upload of views of the two buffers.
        const header = Buffer.from('\x93NUMPY header');
        const data = randomBytes(9 * 1024 * 1024);
        const logged = await repo.log(new Artifact({ key: 'array', body: [header, data] }));
        const sha256 = createHash('sha256').update(header).update(data).digest('hex');
        expect(logged.sha256).toBe(sha256);
        expect(logged.blobFiles).toEqual(['data']);
        expect(sent).not.toContain('CopyObjectCommand');
        expect(sent.filter((c) => c === 'CreateMultipartUploadCommand')).toHaveLength(1);
        expect(await store.stat(`blobs/sha256/${sha256.slice(0, 2)}/${sha256}`)).toMatchObject({
          size: header.length + data.length,
        });
        const back = await repo.item(await repo.read('array')).get();
        expect(back.equals(Buffer.concat([header, data]))).toBe(true);
      } finally {
        await repo.dispose();
        await store.close();
      }
    });
  });
});
