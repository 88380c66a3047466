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

  describe('when a big artifact is logged and read back', () => {
    it('should check its blob while the listing entry is written, and read it with two GETs', async () => {
      const store = new S3Store({ ...bucket!.options, prefix: 'rounds' });
      /** Each request, and which requests were still unanswered when it was sent. */
      const sent: { command: string; key: string; done: boolean; open: string[] }[] = [];
      store.client.middlewareStack.add(
        (next, context) => async (args) => {
          const input = args.input as { Key?: unknown };
          const key = typeof input.Key === 'string' ? input.Key : '';
          const open = sent.filter((s) => !s.done).map((s) => s.command);
          const entry = { command: String(context.commandName), key, done: false, open };
          sent.push(entry);
          try {
            return await next(args);
          } finally {
            entry.done = true;
          }
        },
        { step: 'initialize', name: 'countCommands' },
      );
      const repo = new StoreArtifactRepository({ store });
      try {
        const data = randomBytes(9 * 1024 * 1024);
        const logged = await repo.log(new Artifact({ key: 'big', body: [Buffer.from('h'), data] }));
        // The blob's HEAD before the record and the listing entry's PUT: one round trip.
        const index = sent.findIndex((s) => s.key.startsWith('rounds/index/'));
        const head = sent.findIndex((s) => s.command === 'HeadObjectCommand');
        const second = sent[Math.max(index, head)]!;
        expect(second.open).toContain(index < head ? 'PutObjectCommand' : 'HeadObjectCommand');
        sent.length = 0;
        const back = await repo.item(await repo.read('big', { version: logged.version! })).get();
        expect(back.length).toBe(data.length + 1);
        // The record, then the bytes: their size comes with the GET, no HEAD first.
        expect(sent.map((s) => s.command)).toEqual(['GetObjectCommand', 'GetObjectCommand']);
      } finally {
        await repo.dispose();
        await store.close();
      }
    });
  });
});
