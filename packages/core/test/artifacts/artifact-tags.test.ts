import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Artifact } from '../../src/artifacts/artifact';
import {
  LATEST_POINTER_EVERY,
  moveTags,
  movesLatestPointer,
  resolveTagVersion,
} from '../../src/artifacts/artifact-tags';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import type { Body, PutOptions, PutResult } from '../../src/stores/store';
import { LocalStore } from '../../src/stores/local.store';
import { MemoryStore } from '../../src/stores/memory.store';

const LATEST = 'artifacts/k/tags/latest.json';

/** A version id whose commit moves the `latest` pointer (`moves`) or does not. */
function versionThat(moves: boolean): string {
  for (let i = 0; i < 32 * 32; i += 1) {
    const id = `20261127T101530123Z-k3x9q2m7${'abcdefghijklmnopqrstuvwxyz234567'[i >> 5]}${'abcdefghijklmnopqrstuvwxyz234567'[i & 31]}`;
    if (movesLatestPointer(id) === moves) return id;
  }
  throw new Error('no such version id');
}

describe(movesLatestPointer, () => {
  describe('when given many version ids', () => {
    it('should move the pointer for about one in LATEST_POINTER_EVERY, the same way every time', () => {
      const ids = Array.from(
        { length: 20_000 },
        (_, i) => `20261208T030000000Z-${i.toString(32).padStart(10, 'a')}`,
      );
      const moving = ids.filter(movesLatestPointer).length;
      const expected = ids.length / LATEST_POINTER_EVERY;
      expect(moving).toBeGreaterThan(expected * 0.7);
      expect(moving).toBeLessThan(expected * 1.3);
      expect(ids.filter(movesLatestPointer).length).toBe(moving);
    });
  });
});

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

  /** Logs versions of `k` until a commit moves the `latest` pointer (about one in 16). */
  const logUntilPointerMoves = async (): Promise<Artifact[]> => {
    const logged: Artifact[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const a = await repo.log(new Artifact({ key: 'k', body: Buffer.from(`v${i}`) }));
      logged.push(a);
      if (movesLatestPointer(a.version ?? '')) return logged;
    }
    throw new Error('no commit moved the latest pointer in 1,000');
  };

  describe('when the latest pointer was lost in a crash', () => {
    it('should read the newest committed record instead', async () => {
      const logged = await logUntilPointerMoves();
      const newest = logged.at(-1) as Artifact;
      await fs.unlink(join(root, LATEST));
      expect((await repo.read('k')).version).toBe(newest.version);
      expect(await (await repo.open('store://k')).getText()).toBe(`v${logged.length - 1}`);
    });
  });

  describe('when commits moved the pointer less often than they committed', () => {
    it('should read the newest version, whichever version the pointer names', async () => {
      const moved = (await logUntilPointerMoves()).at(-1) as Artifact;
      const after: Artifact[] = [];
      // Until one commit that does not move it (15 in 16 do not).
      for (let i = 0; i < 1000 && after.every((a) => movesLatestPointer(a.version ?? '')); i += 1)
        after.push(await repo.log(new Artifact({ key: 'k', body: Buffer.from(`after ${i}`) })));
      const newest = after.at(-1) as Artifact;
      const pointer = JSON.parse(await fs.readFile(join(root, LATEST), 'utf8')) as object;
      expect(pointer).toMatchObject({
        version: [moved, ...after.slice(0, -1)].at(-1)?.version,
      });
      expect((await repo.read('k')).version).toBe(newest.version);
      expect((await repo.list({ tag: 'latest' })).map((a) => a.version)).toEqual([newest.version]);
      expect(await (await repo.open('store://k:latest')).getText()).toBe(
        `after ${after.length - 1}`,
      );
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
      // No named tag: the folder holds the `latest` pointer at most.
      const tags = await fs.readdir(join(root, 'artifacts/k/tags')).catch(() => [] as string[]);
      expect(tags.filter((t) => t !== 'latest.json')).toEqual([]);
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

  describe('when a later commit moves the pointer', () => {
    it('should repair a damaged pointer', async () => {
      await logTwo();
      await fs.writeFile(join(root, LATEST), '');
      const moved = (await logUntilPointerMoves()).at(-1) as Artifact;
      const pointer = JSON.parse(await fs.readFile(join(root, LATEST), 'utf8')) as object;
      expect(pointer).toMatchObject({ version: moved.version });
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
      const version = versionThat(true);
      await moveTags(spy, 'k', version, 'prod');
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
      expect(await resolveTagVersion(memory, 'k', 'prod')).toEqual({ version, derived: false });
    });

    it('should leave the latest pointer alone for a version that does not move it', async () => {
      const memory = new MemoryStore();
      await moveTags(memory, 'k', versionThat(false), undefined);
      const paths: string[] = [];
      for await (const o of memory.list('artifacts/')) paths.push(o.path);
      expect(paths).toEqual([]);
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
      // A version whose commit moves `latest` (staging a 1-byte artifact writes nothing).
      let staged = await failingRepo.stage(new Artifact({ key: 'k', body: Buffer.from('x') }));
      for (let i = 0; i < 1000 && !movesLatestPointer(staged.artifact.version ?? ''); i += 1) {
        await failingRepo.abort(staged);
        staged = await failingRepo.stage(new Artifact({ key: 'k', body: Buffer.from('x') }));
      }
      await expect(failingRepo.commit(staged)).rejects.toThrow(/disk full/);
      await failingRepo.abort(staged);
      const left: string[] = [];
      for await (const stat of memory.list('')) left.push(stat.path);
      expect(left).toEqual(['stowage-store.json']);
      await failingRepo.dispose();
    });
  });
});
