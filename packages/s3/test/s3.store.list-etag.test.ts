import { createHash, randomBytes } from 'node:crypto';
import { S3Store } from '../src/s3.store';
import { describeS3, freshBucket } from './helpers/s3-test-server';

describeS3('S3Store.list', () => {
  let bucket: Awaited<ReturnType<typeof freshBucket>>;
  let store: S3Store;
  beforeAll(async () => {
    bucket = await freshBucket();
    store = new S3Store({ ...bucket.options, prefix: `t-${randomBytes(4).toString('hex')}` });
  });
  afterAll(async () => {
    await store.close();
    await bucket.cleanup();
  });

  describe('when objects were written with one PUT', () => {
    it("should report each one's ETag, the MD5 hex of its bytes, without quotes", async () => {
      const bodies = new Map([
        ['runs/a.json', Buffer.from('{"id":"a"}')],
        ['runs/b.json', Buffer.from('{"id":"b","name":"second"}')],
      ]);
      for (const [path, body] of bodies) await store.put(path, body);

      const listed = new Map<string, string | undefined>();
      for await (const stat of store.list('runs/')) listed.set(stat.path, stat.etag);

      for (const [path, body] of bodies)
        expect(listed.get(path)).toBe(createHash('md5').update(body).digest('hex'));
    });
  });

  describe('when a page size is hinted', () => {
    it('should still list every object, in order, past the first page', async () => {
      for (let i = 0; i < 5; i++) await store.put(`paged/${i}.json`, Buffer.from(`${i}`));

      const paths: string[] = [];
      for await (const stat of store.list('paged/', { pageSize: 2, startAfter: 'paged/0.json' }))
        paths.push(stat.path);

      expect(paths).toEqual(['paged/1.json', 'paged/2.json', 'paged/3.json', 'paged/4.json']);
    });
  });
});
