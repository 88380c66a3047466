import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { movesLatestPointer } from '../../src/artifacts/artifact-tags';
import { Artifact } from '../../src/artifacts/artifact';
import { ModelArtifact } from '../../src/artifacts/model.artifact';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { ArtifactDataItem } from '../../src/data/artifact.data-item';
import { FileDataItem } from '../../src/data/file.data-item';
import { MemoryStore } from '../../src/stores/memory.store';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

async function paths(store: MemoryStore, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for await (const stat of store.list(prefix)) out.push(stat.path);
  return out.sort();
}

describe(StoreArtifactRepository, () => {
  let store: MemoryStore;
  let repo: StoreArtifactRepository;
  beforeEach(() => {
    store = new MemoryStore({ name: 'repo-test' });
    repo = new StoreArtifactRepository({ store });
  });
  afterEach(() => repo.dispose());

  describe('when logging an artifact', () => {
    it('should store the bytes and the record (and the latest pointer when due) with size and sha256', async () => {
      const logged = await repo.log(
        new Artifact({ key: 'notes', body: Buffer.from('hello'), format: 'txt' }),
      );
      expect(logged.version).toMatch(/^\d{8}T\d{9}Z-[a-z2-7]{10}$/);
      expect(logged).toMatchObject({
        key: 'notes',
        size: 5,
        sha256: sha('hello'),
        fileName: 'data.txt',
        format: 'txt',
      });
      expect(logged.uri).toBe(`store://notes@${logged.version}`);
      // Five bytes live inside the record (see 'when a file is small'): no object of their own.
      expect(logged.inlineFiles).toEqual({ 'data.txt': Buffer.from('hello').toString('base64') });
      expect(await paths(store)).toEqual([
        `artifacts/notes/records/${logged.version}.json`,
        // `latest` moves with about one commit in 16 (movesLatestPointer); readers use the records.
        ...(movesLatestPointer(logged.version ?? '') ? ['artifacts/notes/tags/latest.json'] : []),
        // The listing index's entry for the new version (see test/listing).
        expect.stringMatching(/^index\/artifacts\/log\/[^/]+\.json$/),
        // The first write to a new store leaves its format marker.
        'stowage-store.json',
      ]);
      expect(await (await repo.open('store://notes')).getText()).toBe('hello');
      const read = await repo.read('notes');
      expect(read).toBeInstanceOf(Artifact);
      expect(read).toMatchObject({
        key: 'notes',
        version: logged.version,
        size: 5,
        sha256: sha('hello'),
      });
      expect(read.body).toBeUndefined();
    });

    it('should not mutate the artifact it was given', async () => {
      const artifact = new Artifact({ key: 'k', body: Buffer.from('x'), labels: { a: '1' } });
      const logged = await repo.log(artifact, { tag: 'prod', producer: { runId: 'r1' } });
      logged.labels['b'] = '2';
      expect(artifact.version).toBeUndefined();
      expect(artifact.tag).toBeUndefined();
      expect(artifact.labels).toEqual({ a: '1' });
      expect(artifact.body).toBeDefined();
    });

    it('should read the record back into its kind with every field', async () => {
      const model = new ModelArtifact({
        key: 'clf',
        body: Buffer.from('{}'),
        fileName: 'model.json',
        framework: 'custom',
        metrics: { auc: 0.9 },
      });
      await repo.log(model, { producer: { runId: 'run-1', name: 'train' } });
      const read = await repo.read('clf');
      expect(read).toBeInstanceOf(ModelArtifact);
      expect(read).toMatchObject({
        framework: 'custom',
        metrics: { auc: 0.9 },
        producer: { runId: 'run-1', name: 'train' },
        format: 'json',
      });
    });

    it('should store extra files with their own size and sha256', async () => {
      const files = {
        'weights.bin': Buffer.from('wwww'),
        'tok/vocab.txt': Readable.from([Buffer.from('a\nb')]),
      };
      const logged = await repo.log(
        new Artifact({ key: 'm', body: Buffer.from('main'), fileName: 'm.json', files }),
      );
      expect(logged.fileRecords).toEqual([
        { name: 'weights.bin', size: 4, sha256: sha('wwww') },
        { name: 'tok/vocab.txt', size: 3, sha256: sha('a\nb') },
      ]);
      const item = await repo.open('store://m');
      expect(await item.file('tok/vocab.txt').getText()).toBe('a\nb');
      expect(await (await repo.open(`store://m@${logged.version}#weights.bin`)).getText()).toBe(
        'wwww',
      );
    });

    it('should move the tag and latest to the committed version', async () => {
      const v1 = await repo.log(new Artifact({ key: 'k', body: Buffer.from('1') }), {
        tag: 'prod',
      });
      const v2 = await repo.log(new Artifact({ key: 'k', body: Buffer.from('2') }));
      expect((await repo.read('k')).version).toBe(v2.version);
      expect((await repo.read('k', { tag: 'prod' })).version).toBe(v1.version);
      expect(await (await repo.open('store://k:prod')).getText()).toBe('1');
      expect(await (await repo.open(`store://k@${v2.version}`)).getText()).toBe('2');
      expect(await repo.versions('k')).toEqual([v1.version, v2.version].sort());
    });
  });

  describe('when many writers log the same key at once', () => {
    it('should keep 50 distinct versions and point latest at one of them', async () => {
      const logged = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          repo.log(new Artifact({ key: 'hot', body: Buffer.from(`v${i}`) })),
        ),
      );
      const versions = new Set(logged.map((a) => a.version));
      expect(versions.size).toBe(50);
      expect(new Set(await repo.versions('hot'))).toEqual(versions);
      const latest = await repo.read('hot');
      expect(versions.has(latest.version)).toBe(true);
      const texts = await Promise.all(
        logged.map(async (a) => (await repo.open(`store://hot@${a.version}`)).getText()),
      );
      expect(texts.sort()).toEqual(Array.from({ length: 50 }, (_, i) => `v${i}`).sort());
    });
  });

  describe('when staging without committing', () => {
    it('should keep the bytes invisible and delete them on abort', async () => {
      const staged = await repo.stage(new Artifact({ key: 's', body: Buffer.from('x') }));
      await expect(repo.read('s')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await repo.keys()).toEqual([]);
      await repo.abort(staged);
      expect(await paths(store)).toEqual(['stowage-store.json']);
    });

    it('should delete the files already written when one body fails', async () => {
      async function* broken(): AsyncGenerator<Uint8Array> {
        yield Buffer.from('x');
        throw new Error('disk on fire');
      }
      const artifact = new Artifact({
        key: 'f',
        body: Buffer.from('ok'),
        files: { 'bad.bin': broken() },
      });
      await expect(repo.stage(artifact)).rejects.toThrow(/disk on fire/);
      expect(await paths(store)).toEqual(['stowage-store.json']);
    });
  });

  describe('when given a bad key or name', () => {
    it.each(['../etc', 'a/b', 'a:b', 'a@b', '', ' x', '.hidden', 'x\u0000'])(
      'should reject key %j',
      async (key) => {
        await expect(repo.log(new Artifact({ key, body: Buffer.from('x') }))).rejects.toMatchObject(
          { code: 'KEY_INVALID' },
        );
        await expect(repo.read(key)).rejects.toMatchObject({ code: 'KEY_INVALID' });
        expect(await paths(store)).toEqual([]);
      },
    );

    it('should reject a file name that escapes the version folder', async () => {
      const artifact = new Artifact({ key: 'k', body: Buffer.from('x'), fileName: '../../evil' });
      await expect(repo.log(artifact)).rejects.toMatchObject({ code: 'KEY_INVALID' });
      const files = new Artifact({ key: 'k', files: { '/abs': Buffer.from('x') } });
      await expect(repo.log(files)).rejects.toMatchObject({ code: 'KEY_INVALID' });
      expect(await paths(store)).toEqual([]);
    });
  });

  describe('when the artifact does not exist', () => {
    it('should throw NotFoundError naming the key and the store', async () => {
      const error = await repo.open('store://missing').catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'NotFoundError', code: 'NOT_FOUND' });
      expect((error as Error).message).toContain('"missing"');
      expect((error as Error).message).toContain('memory://repo-test');
      await repo.log(new Artifact({ key: 'there', body: Buffer.from('x') }));
      await expect(repo.open('store://there:nope')).rejects.toThrow(/tag "nope"/);
      await expect(repo.open('store://there@20000101T000000000Z-aaaaaaaaaa')).rejects.toMatchObject(
        { code: 'NOT_FOUND' },
      );
      const item = await repo.open('store://there');
      expect(() => item.file('none.bin')).toThrow(/has no file "none.bin"/);
    });
  });

  describe('when opening other URIs', () => {
    it('should open plain paths and file URIs as file items', async () => {
      expect(await repo.open('/tmp/x.csv')).toBeInstanceOf(FileDataItem);
      expect(((await repo.open('file:///tmp/y.csv')) as FileDataItem).path).toBe('/tmp/y.csv');
    });

    it('should ask for @stowage/s3 when an s3 URI has no resolver', async () => {
      const error = await repo.open('s3://bucket/key.csv').catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'MissingDependencyError', code: 'DEPENDENCY_MISSING' });
      expect((error as Error).message).toContain('npm install @stowage/s3');
    });

    it('should use the resolver registered for the scheme', async () => {
      const other = new MemoryStore();
      await other.put('k.txt', Buffer.from('from s3'));
      const withS3 = new StoreArtifactRepository({
        store,
        resolvers: { s3: (uri) => repo.item(new Artifact({ key: uri.slice(5) })) },
      });
      const item = await withS3.open('s3://bucket');
      expect(item).toBeInstanceOf(ArtifactDataItem);
      expect(item.key).toBe('bucket');
    });
  });

  describe('when listing', () => {
    it('should filter by key, tag, label and kind', async () => {
      await repo.log(new Artifact({ key: 'a', body: Buffer.from('1'), labels: { team: 'x' } }));
      const a2 = await repo.log(
        new Artifact({ key: 'a', body: Buffer.from('2'), labels: { team: 'y' } }),
        { tag: 'prod' },
      );
      await repo.log(
        new ModelArtifact({ key: 'b', body: Buffer.from('3'), labels: { team: 'x' } }),
      );
      expect(await repo.keys()).toEqual(['a', 'b']);
      expect((await repo.list({ key: 'a' })).map((r) => r.version)).toHaveLength(2);
      expect((await repo.list({ tag: 'prod' })).map((r) => r.version)).toEqual([a2.version]);
      expect((await repo.list({ labels: { team: 'x' } })).map((r) => r.key).sort()).toEqual([
        'a',
        'b',
      ]);
      expect((await repo.list({ kind: 'model' })).map((r) => r.key)).toEqual(['b']);
    });
  });
});
