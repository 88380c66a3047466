import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Artifact } from '../../src/artifacts/artifact';
import { moveTags, resolveTagVersion } from '../../src/artifacts/artifact-tags';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import type { Body, PutOptions, PutResult } from '../../src/stores/store';
import { LocalStore } from '../../src/stores/local.store';
import { MemoryStore } from '../../src/stores/memory.store';

const LATEST = 'artifacts/k/tags/latest.json';

describe('artifact tags', () => {
  let root: string;
  let store: LocalStore;
  let repo: StoreArtifactRepository;
  beforeEach(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'stowage-test-tags-'));
    store = new LocalStore({ root });
    repo = new StoreArtifactRepository({ store });
  });
  afterEach(async () => {
    await repo.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  const logTwo = async (): Promise<[Artifact, Artifact]> => [
    await repo.log(new Artifact({ key: 'k', body: Buffer.from('one') }), { tag: 'prod' }),
    await repo.log(new Artifact({ key: 'k', body: Buffer.from('two') })),
  ];

  describe('when the latest pointer was lost in a crash', () => {
    it('should read the newest committed record instead', async () => {
      const [, second] = await logTwo();
      await fs.unlink(join(root, LATEST));
      expect((await repo.read('k')).version).toBe(second.version);
      expect(await (await repo.open('store://k')).getText()).toBe('two');
    });
  });

  describe('when the tag given is ""', () => {
    it('should log, read, open and list as if no tag were given', async () => {
      const artifact = new Artifact({ key: 'k', body: Buffer.from('one') });
      artifact.tag = '';
      const first = await repo.log(artifact);
      const second = await repo.log(new Artifact({ key: 'k', body: Buffer.from('two') }), {
        tag: '',
      });
      expect([first.tag, second.tag]).toEqual([undefined, undefined]);
      expect(await fs.readdir(join(root, 'artifacts/k/tags'))).toEqual(['latest.json']);
      expect((await repo.read('k', { tag: '' })).version).toBe(second.version);
      expect(await (await repo.open('store://k:')).getText()).toBe('two');
      expect((await repo.list({ key: 'k', tag: '' })).map((a) => a.version)).toEqual([
        second.version,
        first.version,
      ]);
    });
  });

  describe('when the latest pointer is empty or damaged', () => {
    it.each([
      ['empty', ''],
      ['truncated', '{"vers'],
      ['not a version', '{"version":"../../etc"}'],
      ['null', 'null'],
    ])('should derive latest from the records when it is %s', async (_name, text) => {
      const [, second] = await logTwo();
      await fs.writeFile(join(root, LATEST), text);
      expect((await repo.read('k')).version).toBe(second.version);
      expect((await repo.list({ tag: 'latest' })).map((a) => a.version)).toEqual([second.version]);
    });
  });

  describe('when the latest pointer names a record that does not exist', () => {
    it('should fall back to the newest record that does', async () => {
      const [first, second] = await logTwo();
      await fs.unlink(join(root, `artifacts/k/records/${second.version}.json`));
      await fs.writeFile(join(root, LATEST), JSON.stringify({ version: second.version }));
      expect((await repo.read('k')).version).toBe(first.version);
    });

    it('should throw NotFoundError when no record is left', async () => {
      const [first, second] = await logTwo();
      for (const a of [first, second])
        await fs.unlink(join(root, `artifacts/k/records/${a.version}.json`));
      await expect(repo.read('k')).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: { key: 'k', ref: 'tag "latest"' },
      });
    });
  });

  describe('when the next artifact is committed', () => {
    it('should repair the latest pointer', async () => {
      await logTwo();
      await fs.writeFile(join(root, LATEST), '');
      const third = await repo.log(new Artifact({ key: 'k', body: Buffer.from('3') }));
      const pointer = JSON.parse(await fs.readFile(join(root, LATEST), 'utf8')) as object;
      expect(pointer).toMatchObject({ version: third.version });
    });
  });

  describe('when a named tag is missing or damaged', () => {
    it('should throw NotFoundError for a missing tag and RECORD_INVALID for a damaged one', async () => {
      const [first] = await logTwo();
      expect((await repo.read('k', { tag: 'prod' })).version).toBe(first.version);
      await expect(repo.read('k', { tag: 'staging' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await fs.writeFile(join(root, 'artifacts/k/tags/prod.json'), '{"vers');
      // The tag's history still names the version: a damaged pointer (a cache) does not matter.
      expect((await repo.read('k', { tag: 'prod' })).version).toBe(first.version);
      // A tag from before tag history (a pointer alone) that is damaged cannot be resolved.
      await fs.rm(join(root, 'artifacts/k/tag-history'), { recursive: true });
      await expect(repo.read('k', { tag: 'prod' })).rejects.toMatchObject({
        name: 'StoreError',
        code: 'RECORD_INVALID',
        details: { key: 'k', tag: 'prod' },
      });
    });
  });

  describe('when moving tags', () => {
    it('should write latest without durability and a named tag durably', async () => {
      const puts: [string, PutOptions | undefined][] = [];
      const memory = new MemoryStore();
      const spy = Object.assign(Object.create(memory) as MemoryStore, {
        put: (path: string, body: Body, options?: PutOptions): Promise<PutResult> => {
          puts.push([path, options]);
          return memory.put(path, body, options);
        },
      });
      await moveTags(spy, 'k', '20261127T101530123Z-k3x9q2m7ab', 'prod');
      expect(
        puts.map(([path, options]) => [path.replace(/\/[^/]+\.json$/, '/…'), options]),
      ).toEqual(
        expect.arrayContaining([
          ['artifacts/k/tags/…', { durable: false }],
          ['artifacts/k/tag-history/prod/…', undefined],
          ['artifacts/k/tags/…', undefined],
        ]),
      );
      expect(puts).toHaveLength(3);
      expect(await resolveTagVersion(memory, 'k', 'prod')).toEqual({
        version: '20261127T101530123Z-k3x9q2m7ab',
        derived: false,
      });
    });
  });

  describe('when a commit fails after writing the record', () => {
    it('should delete the record with the bytes on abort', async () => {
      const memory = new MemoryStore();
      const failing = Object.assign(Object.create(memory) as MemoryStore, {
        put: (path: string, body: Body, options?: PutOptions): Promise<PutResult> =>
          path.includes('/tags/')
            ? Promise.reject(new Error('disk full'))
            : memory.put(path, body, options),
      });
      const failingRepo = new StoreArtifactRepository({ store: failing });
      const staged = await failingRepo.stage(new Artifact({ key: 'k', body: Buffer.from('x') }));
      await expect(failingRepo.commit(staged)).rejects.toThrow(/disk full/);
      await failingRepo.abort(staged);
      const left: string[] = [];
      for await (const stat of memory.list('')) left.push(stat.path);
      expect(left).toEqual(['stowage-store.json']);
      await failingRepo.dispose();
    });
  });
});
