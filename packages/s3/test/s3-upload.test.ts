import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { StoreError } from '@stowage/core';
import { s3ClientConfig } from '../src/s3-client.factory';
import { S3Store } from '../src/s3.store';
import { connection, describeS3, freshBucket } from './helpers/s3-test-server';

const MIB = 1024 * 1024;
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** A body that yields `bytes` random bytes in 256 KiB chunks, then fails. */
async function* failingAfter(bytes: number): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < bytes; sent += 256 * 1024) yield randomBytes(256 * 1024);
  throw new Error('disk went away');
}

/** A client whose UploadPart number `part` fails once with an injected 500. */
function clientFailingPart(part: number): S3Client {
  const client = new S3Client(s3ClientConfig(connection));
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { PartNumber?: number };
      if (context.commandName === 'UploadPartCommand' && input.PartNumber === part) {
        throw Object.assign(new Error('injected part failure'), {
          name: 'InternalError',
          $metadata: { httpStatusCode: 500 },
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'failOnePart' },
  );
  return client;
}

describeS3('uploadBody (through S3Store.put)', () => {
  let bucket: Awaited<ReturnType<typeof freshBucket>>;
  let probe: S3Client;
  const incompleteUploads = async () =>
    (await probe.send(new ListMultipartUploadsCommand({ Bucket: bucket.options.bucket })))
      .Uploads ?? [];

  beforeAll(async () => {
    bucket = await freshBucket();
    probe = new S3Client(s3ClientConfig(connection));
  });
  afterAll(async () => {
    probe?.destroy();
    await bucket?.cleanup();
  });

  describe('when the body fails after the multipart upload started', () => {
    it('should reject with StoreError, leave nothing visible and abort the upload', async () => {
      const store = new S3Store({ ...bucket.options, prefix: 'body-fail', partSize: 5 * MIB });
      const error = await store
        .put('x.bin', Readable.from(failingAfter(12 * MIB)))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'STORE_FAILED' });
      expect((error as Error).message).toMatch(/body failed: disk went away/);
      expect(await store.stat('x.bin')).toBeUndefined();
      expect(await incompleteUploads()).toEqual([]);
      await store.close();
    });
  });

  describe('when the body fails before reaching the multipart threshold', () => {
    it('should reject without writing anything', async () => {
      const store = new S3Store({ ...bucket.options, prefix: 'early-fail' });
      await expect(store.put('y.bin', failingAfter(MIB))).rejects.toMatchObject({
        code: 'STORE_FAILED',
      });
      expect(await store.stat('y.bin')).toBeUndefined();
      await store.close();
    });
  });

  describe('when S3 fails one part of a multipart upload', () => {
    it('should abort the upload on the server and keep the previous object', async () => {
      const client = clientFailingPart(2);
      const store = new S3Store({
        ...bucket.options,
        prefix: 'part-fail',
        client,
        partSize: 5 * MIB,
      });
      await store.put('z.bin', Buffer.from('previous'));
      const error = await store.put('z.bin', randomBytes(16 * MIB)).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'S3_REQUEST_FAILED' });
      expect((error as Error).message).toMatch(/z\.bin/);
      expect((await store.get('z.bin')).toString()).toBe('previous');
      expect(await incompleteUploads()).toEqual([]);
      client.destroy();
    });
  });

  describe('when many puts of one key race', () => {
    it('should leave exactly one complete body, never a mix', async () => {
      const store = new S3Store({ ...bucket.options, prefix: 'race', partSize: 5 * MIB });
      const bodies = [0, 1, 2].map(() => randomBytes(6 * MIB));
      await Promise.all(bodies.map((b) => store.put('same.bin', Readable.from([b]))));
      const final = sha256(await store.get('same.bin'));
      expect(bodies.map(sha256)).toContain(final);
      await store.close();
    });
  });

  describe('when the body is a small header and a large buffer (a vectored body)', () => {
    it('should send views of the buffers as parts, copying only the part that straddles them', async () => {
      const store = new S3Store({ ...bucket.options, prefix: 'vectored', partSize: 5 * MIB });
      const header = randomBytes(128);
      const data = randomBytes(12 * MIB);
      const concat = jest.spyOn(Buffer, 'concat');
      try {
        const result = await store.put('v.bin', [header, data]);
        const copied = concat.mock.calls.reduce(
          (n, [list]) => n + list.reduce((m, b) => m + b.byteLength, 0),
          0,
        );
        expect(copied).toBeLessThanOrEqual(5 * MIB);
        const whole = Buffer.concat([header, data]);
        expect(result).toEqual({ size: whole.byteLength, sha256: sha256(whole) });
      } finally {
        concat.mockRestore();
      }
      expect(sha256(await store.get('v.bin'))).toBe(sha256(Buffer.concat([header, data])));
      expect(await incompleteUploads()).toEqual([]);
      await store.close();
    });
  });
});
