import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import { Artifact } from '../../src/artifacts/artifact';
import { ArtifactLayout } from '../../src/artifacts/artifact-layout';
import { INLINE_MAX_BYTES } from '../../src/artifacts/inline-files';
import { sealRecord } from '../../src/artifacts/record-seal';
import { IntegrityError } from '../../src/errors/integrity.error';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { MemoryStore } from '../../src/stores/memory.store';
import { expectStowageRejection } from '../helpers/expect-stowage-error';

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

async function paths(store: MemoryStore, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const stat of store.list(prefix)) out.push(stat.path);
  return out.sort();
}

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('StoreArtifactRepository with small files inside the record', () => {
  let store: MemoryStore;
  let repo: StoreArtifactRepository;
  beforeEach(() => {
    store = new MemoryStore({ name: 'inline-test' });
    repo = new StoreArtifactRepository({ store });
  });
  afterEach(() => repo.dispose());

  describe('when every file fits in the budget', () => {
    it('should write no object under the version folder and read the same bytes every way', async () => {
      const body = Buffer.from('{"a":1}');
      const extra = Buffer.from('notes');
      const logged = await repo.log(
        new Artifact({ key: 'cfg', body, format: 'json', files: { 'n.md': extra } }),
      );
      expect(Object.keys(logged.inlineFiles ?? {})).toEqual(['data.json', 'n.md']);
      expect(await paths(store, 'artifacts/cfg/versions/')).toEqual([]);
      const item = await repo.open('store://cfg');
      expect(await item.get()).toEqual(body);
      expect(await drain(await item.stream())).toEqual(body);
      const local = await item.local();
      expect(local).toMatch(/data\.json$/);
      expect(await fs.readFile(local)).toEqual(body);
      expect(await item.file('n.md').get()).toEqual(extra);
      expect(logged.sha256).toBe(sha(body));
    });

    it('should keep what was logged when the caller changes its buffer afterwards', async () => {
      const body = Buffer.from('before');
      const logged = await repo.log(new Artifact({ key: 'b', body }));
      body.write('AFTER!');
      expect(await (await repo.open(`store://b@${logged.version}`)).getText()).toBe('before');
    });
  });

  describe('when the files are bigger than the budget', () => {
    it('should keep files inside the record in order while they fit, and store the rest apart', async () => {
      const first = Buffer.alloc(6 * 1024, 1);
      const second = Buffer.alloc(4 * 1024, 2);
      const third = Buffer.alloc(2 * 1024, 3);
      const logged = await repo.log(
        new Artifact({ key: 'm', body: first, files: { 'b.bin': second, 'c.bin': third } }),
      );
      expect(Object.keys(logged.inlineFiles ?? {})).toEqual(['data', 'c.bin']);
      const version = logged.version ?? '';
      expect(await paths(store, ArtifactLayout.versionPrefix('m', version))).toEqual([
        ArtifactLayout.file('m', version, 'b.bin'),
      ]);
      const item = await repo.open('store://m');
      expect(await item.get()).toEqual(first);
      expect(await item.file('b.bin').get()).toEqual(second);
      expect(await item.file('c.bin').get()).toEqual(third);
    });

    it('should never keep a stream inside the record', async () => {
      const logged = await repo.log(
        new Artifact({ key: 's', body: Readable.from([Buffer.from('streamed')]) }),
      );
      expect(logged.inlineFiles).toBeUndefined();
      expect(await (await repo.open('store://s')).getText()).toBe('streamed');
    });

    it('should keep the bytes apart on a format-1 store, which an older Stowage may still use', async () => {
      const legacy = new MemoryStore();
      // Artifacts and no format marker: a store written before format versions.
      await legacy.put('artifacts/old/versions/v1/data', Buffer.from('old'));
      const onLegacy = new StoreArtifactRepository({ store: legacy });
      const logged = await onLegacy.log(new Artifact({ key: 'n', body: Buffer.from('new') }));
      expect(logged.inlineFiles).toBeUndefined();
      expect(await paths(legacy, 'artifacts/n/versions/')).toHaveLength(1);
      expect(await (await onLegacy.open('store://n')).getText()).toBe('new');
      await onLegacy.dispose();
    });

    it('should keep everything apart with inlineMaxBytes 0', async () => {
      const apart = new StoreArtifactRepository({ store, inlineMaxBytes: 0 });
      const logged = await apart.log(new Artifact({ key: 'z', body: Buffer.from('zz') }));
      expect(logged.inlineFiles).toBeUndefined();
      expect(await paths(store, 'artifacts/z/versions/')).toHaveLength(1);
      expect(INLINE_MAX_BYTES).toBe(8 * 1024);
    });
  });

  describe('when the record is tampered with', () => {
    async function rewrite(
      logged: Artifact,
      change: (record: Record<string, unknown>) => void,
      seal: boolean,
    ): Promise<void> {
      const path = ArtifactLayout.record(logged.key, logged.version ?? '');
      const record = JSON.parse((await store.get(path)).toString('utf8')) as Record<
        string,
        unknown
      >;
      change(record);
      await store.put(path, seal ? sealRecord(record) : Buffer.from(JSON.stringify(record)));
    }

    it('should refuse inline bytes that differ from the recorded sha256 with IntegrityError', async () => {
      const logged = await repo.log(new Artifact({ key: 't', body: Buffer.from('true') }));
      await rewrite(
        logged,
        (r) => (r['inlineFiles'] = { data: Buffer.from('fals').toString('base64') }),
        true,
      );
      const item = await repo.open('store://t');
      await expectStowageRejection(item.get(), IntegrityError, 'INTEGRITY_MISMATCH');
      await expect(drain(await item.stream())).rejects.toMatchObject({
        code: 'INTEGRITY_MISMATCH',
      });
      await expectStowageRejection(item.local(), IntegrityError, 'INTEGRITY_MISMATCH');
    });

    it('should refuse inline bytes of another length before hashing them', async () => {
      const logged = await repo.log(new Artifact({ key: 'l', body: Buffer.from('four') }));
      await rewrite(
        logged,
        (r) => (r['inlineFiles'] = { data: Buffer.from('five!').toString('base64') }),
        true,
      );
      const error = await expectStowageRejection(
        (await repo.open('store://l')).get(),
        IntegrityError,
        'INTEGRITY_MISMATCH',
      );
      expect(error.message).toMatch(/size is 5 bytes, the record says 4/);
    });

    it('should refuse a record whose inline text is not base64 with RECORD_CORRUPT', async () => {
      const logged = await repo.log(new Artifact({ key: 'x', body: Buffer.from('x') }));
      await rewrite(logged, (r) => (r['inlineFiles'] = { data: '<script>' }), true);
      await expect(repo.read('x')).rejects.toMatchObject({ code: 'RECORD_CORRUPT' });
    });

    it('should refuse changed inline bytes under an unchanged seal with RECORD_CORRUPT', async () => {
      const logged = await repo.log(new Artifact({ key: 'u', body: Buffer.from('safe') }));
      await rewrite(
        logged,
        (r) => (r['inlineFiles'] = { data: Buffer.from('evil').toString('base64') }),
        false,
      );
      await expect(repo.read('u')).rejects.toMatchObject({ code: 'RECORD_CORRUPT' });
    });
  });
});
