import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Artifact, LocalStore, RunContext } from '../../src';
import { artifactIndex, scanArtifactEntries } from '../../src/listing/artifact-index';
import { etagConfirms, recordMd5 } from '../../src/listing/record-md5';
import { runIndex, scanRunEntries } from '../../src/listing/run-index';
import { SegmentedIndex, type IndexEntry } from '../../src/listing/segmented-index';

const md5 = (bytes: Buffer): string => createHash('md5').update(bytes).digest('hex');

describe('the records’ MD5 in the listing index', () => {
  let root: string;
  let store: LocalStore;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'stowage-test-record-md5-'));
    store = new LocalStore({ root });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  describe('when a run completes and logs an artifact', () => {
    it('should keep the MD5 of the stored record bytes in both entries, and a rebuild the same', async () => {
      const run = await RunContext.start({ store, name: 'train' });
      const logged = await run.logArtifact(
        new Artifact({ key: 'points', body: Buffer.from('1,2'), fileName: 'p.csv' }),
      );
      await run.complete();
      const runBytes = await store.get(`runs/${run.id}.json`);
      const recordBytes = await store.get(`artifacts/points/records/${logged.version ?? ''}.json`);

      const runEntry = (await runIndex(store).read()).entries.get(run.id);
      const versionEntry = [...(await artifactIndex(store).read()).entries.values()][0];

      expect(runEntry?.md5).toBe(md5(runBytes));
      expect(versionEntry?.md5).toBe(md5(recordBytes));
      expect(versionEntry?.producerName).toBe('train');
      expect((await scanRunEntries(store))[0]?.md5).toBe(md5(runBytes));
      expect((await scanArtifactEntries(store))[0]?.md5).toBe(md5(recordBytes));
    });
  });

  describe('when a record does not parse', () => {
    it('should rebuild its entry without an MD5', async () => {
      await store.put('runs/20260101T000000000Z-broken0000.json', Buffer.from('{"id":1}'));
      const [entry] = await scanRunEntries(store);
      expect(entry?.status).toBe('damaged');
      expect(entry?.md5).toBeUndefined();
    });
  });

  describe('when an index object was written with fewer fields (before `md5`)', () => {
    it('should read its entries, without the new fields', async () => {
      interface Old extends IndexEntry {
        readonly name?: string;
        readonly md5?: string;
      }
      const options = { name: 'old', rebuild: () => Promise.resolve([]), isEntry: () => true };
      const old = new SegmentedIndex<Old>(store, { ...options, fields: ['name'] } as never);
      await old.append([{ id: 'a', at: 1, name: 'first' }]);
      await old.read();
      const current = new SegmentedIndex<Old>(store, {
        ...options,
        fields: ['name', 'md5'],
        isEntry: (v: unknown): v is Old => typeof v === 'object',
        rebuild: () => Promise.reject(new Error('must not rebuild')),
      });

      const { entries, rebuilt } = await current.read();

      expect(rebuilt).toBe(false);
      expect(entries.get('a')).toEqual({ id: 'a', at: 1, name: 'first' });
    });
  });

  describe(etagConfirms, () => {
    it('should confirm only a plain MD5 ETag equal to the MD5 (quotes and case ignored)', () => {
      const sum = recordMd5(Buffer.from('x'));
      expect(etagConfirms(sum, sum)).toBe(true);
      expect(etagConfirms(`"${sum.toUpperCase()}"`, sum)).toBe(true);
      expect(etagConfirms(`${sum}-2`, sum)).toBe(false);
      expect(etagConfirms(recordMd5(Buffer.from('y')), sum)).toBe(false);
      expect(etagConfirms(undefined, sum)).toBe(false);
      expect(etagConfirms(sum, undefined)).toBe(false);
    });
  });
});
