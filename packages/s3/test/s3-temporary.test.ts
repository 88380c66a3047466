import { randomBytes } from 'node:crypto';
import { CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { collectGarbage } from '@stowage/core';
import type { TemporaryObject } from '@stowage/core';
import { S3Store } from '../src/s3.store';
import { describeS3, freshBucket } from './helpers/s3-test-server';

async function listed(store: S3Store): Promise<TemporaryObject[]> {
  const out: TemporaryObject[] = [];
  for await (const item of store.listTemporary()) out.push(item);
  return out;
}

describeS3('S3Store incomplete uploads (listTemporary / deleteTemporary)', () => {
  let bucket: Awaited<ReturnType<typeof freshBucket>>;
  let store: S3Store;
  let other: S3Store;

  beforeAll(async () => {
    bucket = await freshBucket();
  });
  beforeEach(() => {
    const prefix = `t-${randomBytes(4).toString('hex')}`;
    store = new S3Store({ ...bucket.options, prefix });
    other = new S3Store({ ...bucket.options, prefix: `${prefix}-other` });
  });
  afterEach(async () => {
    await store.close();
    await other.close();
  });
  afterAll(async () => {
    await bucket?.cleanup();
  });

  /** A moment safely after the upload started: the server's clock and ours may differ by a little. */
  const later = (): Date => new Date(Date.now() + 5_000);

  /** Starts a multipart upload under `s` and uploads one part, as a killed writer would leave it. */
  async function abandonUpload(s: S3Store, path: string): Promise<string> {
    const { UploadId } = await s.client.send(
      new CreateMultipartUploadCommand({ Bucket: s.bucket, Key: `${s.prefix}/${path}` }),
    );
    await s.client.send(
      new UploadPartCommand({
        Bucket: s.bucket,
        Key: `${s.prefix}/${path}`,
        UploadId,
        PartNumber: 1,
        Body: Buffer.alloc(1024, 1),
      }),
    );
    return UploadId ?? '';
  }

  describe('when a writer left an upload unfinished', () => {
    it('should list it under this store only, and gc should abort it', async () => {
      const id = await abandonUpload(store, 'artifacts/k/versions/v/big.bin');
      await abandonUpload(other, 'artifacts/k/versions/v/big.bin');
      expect((await listed(store)).map((u) => [u.kind, u.path, u.id])).toEqual([
        ['upload', 'artifacts/k/versions/v/big.bin', id],
      ]);
      expect((await collectGarbage(store)).items).toEqual([]);
      const plan = await collectGarbage(store, { graceMs: 0, now: later() });
      expect(plan.items.map((i) => [i.kind, i.path, i.outcome])).toEqual([
        ['upload', 'artifacts/k/versions/v/big.bin', 'planned'],
      ]);
      const done = await collectGarbage(store, { graceMs: 0, now: later(), dryRun: false });
      expect(done.items.map((i) => i.outcome)).toEqual(['removed']);
      expect(await listed(store)).toEqual([]);
      expect(await listed(other)).toHaveLength(1);
    });
  });
});
