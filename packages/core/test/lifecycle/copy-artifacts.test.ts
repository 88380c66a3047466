import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Artifact } from '../../src/artifacts/artifact';
import { ArtifactLayout } from '../../src/artifacts/artifact-layout';
import { encodeArtifactRecord } from '../../src/artifacts/artifact-record';
import { sealRecord } from '../../src/artifacts/record-seal';
import { LifecycleError } from '../../src/errors/lifecycle.error';
import { NotFoundError } from '../../src/errors/not-found.error';
import { copyArtifacts } from '../../src/lifecycle/copy-artifacts';
import { runIndex } from '../../src/listing/run-index';
import { StoreLifecycle } from '../../src/lifecycle/store-lifecycle';
import { listTags, setTag, tagHistory } from '../../src/lifecycle/tag-operations';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { RunContext } from '../../src/runs/run-context';
import { RunRepository } from '../../src/runs/run-repository';
import { LocalStore } from '../../src/stores/local.store';
import { MemoryStore } from '../../src/stores/memory.store';
import type { Body, PutOptions, PutResult, Store } from '../../src/stores/store';
import { expectStowageRejection } from '../helpers/expect-stowage-error';

/** The store, counting the objects written to it. */
function counting<S extends Store>(store: S): S & { puts: string[] } {
  const counted = Object.create(store) as S & { puts: string[] };
  counted.puts = [];
  counted.put = (path: string, body: Body, options?: PutOptions): Promise<PutResult> => {
    counted.puts.push(path);
    return store.put(path, body, options);
  };
  return counted;
}

async function text(repo: StoreArtifactRepository, uri: string): Promise<string> {
  return (await repo.open(uri)).getText();
}

describe(copyArtifacts, () => {
  let from: MemoryStore;
  let to: MemoryStore & { puts: string[] };
  let src: StoreArtifactRepository;
  let dst: StoreArtifactRepository;
  /** Logs `body` with notes; `big` notes (over INLINE_MAX_BYTES) are stored apart from the record. */
  const log = async (key: string, body: string, tag?: string, big = false): Promise<string> =>
    (
      await src.log(
        new Artifact({
          key,
          body: Buffer.from(body),
          fileName: 'data.txt',
          files: { 'notes.md': Buffer.from(`notes of ${body}`.padEnd(big ? 9000 : 0, '.')) },
          labels: { team: 'a' },
        }),
        tag === undefined ? {} : { tag },
      )
    ).version as string;

  beforeEach(() => {
    from = new MemoryStore();
    to = counting(new MemoryStore());
    src = new StoreArtifactRepository({ store: from });
    dst = new StoreArtifactRepository({ store: to });
  });
  afterEach(async () => {
    await src.dispose();
    await dst.dispose();
  });

  describe('when every version of a key is copied to an empty store', () => {
    it('should keep each version id, its record and its files, readable and verified', async () => {
      const v1 = await log('model', 'one');
      const v2 = await log('model', 'two', 'prod');
      const result = await copyArtifacts(from, to, ['model']);
      expect(result.versions.map((v) => [v.version, v.outcome, v.files])).toEqual([
        [v1, 'copied', 2],
        [v2, 'copied', 2],
      ]);
      expect(result.totals).toMatchObject({ versions: 2, copied: 2, present: 0 });
      expect(result.totals.bytes).toBe(3 + 12 + 3 + 12);
      expect(await dst.versions('model')).toEqual([v1, v2]);
      for (const version of [v1, v2]) {
        const [a, b] = [await src.read('model', { version }), await dst.read('model', { version })];
        expect(encodeArtifactRecord(b)).toEqual(encodeArtifactRecord(a));
      }
      expect(await text(dst, 'store://model')).toBe('two');
      expect(await text(dst, `store://model@${v1}`)).toBe('one');
      expect(await text(dst, `store://model@${v1}#notes.md`)).toBe('notes of one');
    });

    it('should record the tag a version was logged with but move no tag unless asked', async () => {
      const v = await log('model', 'two', 'prod');
      await copyArtifacts(from, to, ['model']);
      expect((await dst.read('model', { version: v })).tag).toBe('prod');
      expect(await listTags(to, 'model')).toEqual([]);
    });
  });

  describe('when the source keeps a file as a shared blob and the destination would not', () => {
    it('should copy it into the version folder and read back the same bytes', async () => {
      const dedupAll = new StoreArtifactRepository({
        store: from,
        dedupMinBytes: 1,
        inlineMaxBytes: 0,
      });
      try {
        const body = Buffer.alloc(2048, 3);
        const logged = await dedupAll.log(new Artifact({ key: 'weights', body, format: 'bin' }));
        expect(logged.blobFiles).toEqual(['data.bin']);
        const result = await copyArtifacts(from, to, ['weights']);
        expect(result.versions.map((v) => v.outcome)).toEqual(['copied']);
        const copied = await dst.read('weights', { version: logged.version! });
        expect(copied.blobFiles).toBeUndefined();
        expect(copied.sha256).toBe(logged.sha256);
        expect(await (await dst.open(`store://weights@${logged.version!}`)).get()).toEqual(body);
      } finally {
        await dedupAll.dispose();
      }
    });
  });

  describe('when the same copy runs again', () => {
    it('should report every version present and write nothing', async () => {
      await log('model', 'one');
      await log('model', 'two');
      await copyArtifacts(from, to, ['model']);
      to.puts.length = 0;
      const again = await copyArtifacts(from, to, ['model']);
      expect(again.versions.map((v) => v.outcome)).toEqual(['present', 'present']);
      expect(again.totals).toMatchObject({ copied: 0, present: 2, bytes: 0 });
      expect(to.puts).toEqual([]);
    });
  });

  describe('when only some versions were copied before', () => {
    it('should copy the rest and leave those alone', async () => {
      const v1 = await log('model', 'one');
      const v2 = await log('model', 'two');
      await copyArtifacts(from, to, [`model@${v1}`]);
      to.puts.length = 0;
      const result = await copyArtifacts(from, to, ['model']);
      expect(result.versions.map((v) => [v.version, v.outcome])).toEqual([
        [v1, 'present'],
        [v2, 'copied'],
      ]);
      expect(to.puts.some((p) => p.includes(v1))).toBe(false);
    });
  });

  describe('when a tag names what to copy', () => {
    it('should copy only that version, and with tags: true set the tag there too', async () => {
      const v1 = await log('model', 'one', 'prod');
      await log('model', 'two');
      const plain = await copyArtifacts(from, to, ['model:prod']);
      expect(plain.versions.map((v) => v.version)).toEqual([v1]);
      expect(plain.tags).toEqual([]);
      const tagged = await copyArtifacts(from, to, ['store://model:prod'], {
        tags: true,
        by: 'ci',
      });
      expect(tagged.tags).toEqual([
        { key: 'model', tag: 'prod', version: v1, from: null, outcome: 'moved' },
      ]);
      expect(await text(dst, 'store://model:prod')).toBe('one');
      expect((await tagHistory(to, 'model', 'prod')).map((h) => h.by)).toEqual(['ci']);
      const again = await copyArtifacts(from, to, ['model:prod'], { tags: true });
      expect(again.tags.map((t) => t.outcome)).toEqual(['present']);
    });

    it('should move a destination tag that names another version, keeping the move in its history', async () => {
      const v1 = await log('model', 'one');
      const v2 = await log('model', 'two');
      await copyArtifacts(from, to, ['model']);
      await setTag(to, 'model', v1, 'prod');
      await setTag(from, 'model', v2, 'prod');
      const result = await copyArtifacts(from, to, ['model:prod'], { tags: true });
      expect(result.tags).toEqual([
        { key: 'model', tag: 'prod', version: v2, from: v1, outcome: 'moved' },
      ]);
      expect((await tagHistory(to, 'model', 'prod')).map((h) => h.version)).toEqual([v1, v2]);
    });
  });

  describe('when the destination has the version with other bytes', () => {
    it('should throw LIFECYCLE_COPY_CONFLICT naming it and write nothing', async () => {
      const v1 = await log('model', 'one');
      await log('model', 'two');
      await copyArtifacts(from, to, [`model@${v1}`]);
      // Another store that happens to hold a different version under the same id.
      const other = new MemoryStore();
      const otherRepo = new StoreArtifactRepository({ store: other });
      const staged = await otherRepo.stage(
        new Artifact({ key: 'model', body: Buffer.from('ONE'), fileName: 'data.txt' }),
        { copyOf: { version: v1 } },
      );
      await otherRepo.commit(staged);
      to.puts.length = 0;
      const error = await expectStowageRejection(
        copyArtifacts(other, to, ['model']),
        LifecycleError,
        'LIFECYCLE_COPY_CONFLICT',
      );
      expect(error.details['conflicts']).toEqual([expect.objectContaining({ ref: `model@${v1}` })]);
      expect(to.puts).toEqual([]);
      expect(await text(dst, `store://model@${v1}`)).toBe('one');
      await otherRepo.dispose();
    });
  });

  describe('when the source bytes do not match their record', () => {
    it('should throw LIFECYCLE_COPY_INTEGRITY and commit no record for that version', async () => {
      const v1 = await log('model', 'one', undefined, true);
      const v2 = await log('model', 'two', undefined, true);
      const tampered = Object.create(from) as MemoryStore;
      tampered.stream = async (path: string) =>
        path.endsWith('notes.md') && path.includes(v2)
          ? Readable.from([Buffer.from('TWO')])
          : from.stream(path);
      const error = await expectStowageRejection(
        copyArtifacts(tampered, to, ['model'], { concurrency: 1 }),
        LifecycleError,
        'LIFECYCLE_COPY_INTEGRITY',
      );
      expect(error.details).toMatchObject({ key: 'model', version: v2 });
      expect(await dst.versions('model')).toEqual([v1]);
      await expectStowageRejection(dst.read('model', { version: v2 }), NotFoundError, 'NOT_FOUND');
    });
  });

  describe('when bytes kept inside the source record do not match it', () => {
    it('should throw LIFECYCLE_COPY_INTEGRITY and commit nothing', async () => {
      const v1 = await log('model', 'one');
      const path = ArtifactLayout.record('model', v1);
      const record = JSON.parse((await from.get(path)).toString('utf8')) as Record<string, unknown>;
      const inline = record['inlineFiles'] as Record<string, string>;
      record['inlineFiles'] = { ...inline, 'data.txt': Buffer.from('ONE').toString('base64') };
      await from.put(path, sealRecord(record));
      const error = await expectStowageRejection(
        copyArtifacts(from, to, ['model']),
        LifecycleError,
        'LIFECYCLE_COPY_INTEGRITY',
      );
      expect(error.details).toMatchObject({ key: 'model', version: v1 });
      expect(await dst.versions('model')).toEqual([]);
    });
  });

  describe('when the destination receives other bytes than were sent', () => {
    it('should throw LIFECYCLE_COPY_INTEGRITY, remove what it staged and commit nothing', async () => {
      await log('model', 'one', undefined, true);
      const garbling = Object.create(to) as MemoryStore;
      garbling.put = async (path: string, body: Body, options?: PutOptions) => {
        const result = await to.put(path, body, options);
        // A store (or network) that damaged the file on the way in.
        return path.endsWith('notes.md') ? { ...result, sha256: '0'.repeat(64) } : result;
      };
      const error = await expectStowageRejection(
        copyArtifacts(from, garbling, ['model']),
        LifecycleError,
        'LIFECYCLE_COPY_INTEGRITY',
      );
      expect(error.details['reason']).toBe('the bytes written differ in size or sha256');
      expect(await dst.keys()).toEqual([]);
      const left: string[] = [];
      for await (const { path } of to.list('artifacts/')) left.push(path);
      expect(left.filter((p) => !p.includes('/tags/'))).toEqual([]);
    });
  });

  describe('when a run is copied', () => {
    let runId: string;
    let data: string;
    let output: string;
    beforeEach(async () => {
      data = await log('data', 'rows', 'prod');
      await log('data', 'newer rows');
      const run = await RunContext.start({
        store: from,
        name: 'train',
        inputs: { data: 'store://data:prod', path: '/tmp/elsewhere.csv' },
        heartbeatMs: 0,
      });
      await run.getInput('data');
      output = (await run.logArtifact(new Artifact({ key: 'model', body: Buffer.from('w') })))
        .version as string;
      await run.complete();
      runId = run.id;
    });

    it('should copy its record and the versions it logged, and with inputs: true what it read', async () => {
      const outputs = await copyArtifacts(from, to, [`run:${runId}`]);
      expect(outputs.versions.map((v) => `${v.key}@${v.version}`)).toEqual([`model@${output}`]);
      expect(outputs.runs).toEqual([{ id: runId, outcome: 'copied', lineage: false }]);
      const runs = new RunRepository({ store: to });
      expect(await runs.read(runId)).toEqual(await new RunRepository({ store: from }).read(runId));
      expect(await dst.keys()).toEqual(['model']);

      const withInputs = await copyArtifacts(from, to, [`run:${runId}`], { inputs: true });
      expect(withInputs.versions.map((v) => [`${v.key}@${v.version}`, v.outcome])).toEqual([
        [`model@${output}`, 'present'],
        [`data@${data}`, 'copied'],
      ]);
      expect(withInputs.runs.map((r) => r.outcome)).toEqual(['present']);
      expect(withInputs.warnings).toEqual([
        expect.stringContaining('input path (/tmp/elsewhere.csv)'),
      ]);
    });

    it("should list the copied run in the destination's listing index", async () => {
      const local = await RunContext.start({ store: to, name: 'local', heartbeatMs: 0 });
      await local.complete();
      // The destination's index exists before the copy (a read without a snapshot builds one).
      expect([...(await runIndex(to).read()).entries.keys()]).toEqual([local.id]);
      await copyArtifacts(from, to, [`run:${runId}`]);
      expect([...(await runIndex(to).read()).entries.keys()].sort()).toEqual(
        [local.id, runId].sort(),
      );
    });

    it('should copy the producing run along with a version (lineage) unless lineage: false', async () => {
      const without = await copyArtifacts(from, to, ['model'], { lineage: false });
      expect(without.runs).toEqual([]);
      const result = await copyArtifacts(from, to, ['model']);
      expect(result.runs).toEqual([{ id: runId, outcome: 'copied', lineage: true }]);
      expect((await dst.read('model')).producer?.runId).toBe(runId);
    });
  });

  describe('when a run record was copied while the run was running', () => {
    it('should update it once the run has finished, and refuse a record that differs otherwise', async () => {
      const run = await RunContext.start({ store: from, name: 'slow', heartbeatMs: 0 });
      const first = await copyArtifacts(from, to, [`run:${run.id}`]);
      expect(first.warnings).toEqual([expect.stringContaining('still running')]);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await run.complete();
      const second = await copyArtifacts(from, to, [`run:${run.id}`]);
      expect(second.runs.map((r) => r.outcome)).toEqual(['updated']);
      expect((await new RunRepository({ store: to }).read(run.id)).status).toBe('completed');
      // A completed run whose record differs is never overwritten.
      const other = new MemoryStore();
      await other.put(`runs/${run.id}.json`, await from.get(`runs/${run.id}.json`));
      const rewritten = await RunContext.start({
        store: other,
        id: run.id,
        name: 'other',
        heartbeatMs: 0,
      });
      await rewritten.complete();
      await expectStowageRejection(
        copyArtifacts(other, to, [`run:${run.id}`]),
        LifecycleError,
        'LIFECYCLE_COPY_CONFLICT',
      );
    });
  });

  describe('when it is a dry run', () => {
    it('should report what it would copy and write nothing', async () => {
      await log('model', 'one', 'prod');
      const result = await copyArtifacts(from, to, ['model'], { dryRun: true, tags: true });
      expect(result.versions.map((v) => v.outcome)).toEqual(['planned']);
      expect(result.tags.map((t) => t.outcome)).toEqual(['planned']);
      expect(to.puts).toEqual([]);
    });
  });

  describe('when what to copy is malformed or missing', () => {
    it.each([[['a@b:c']], [['k#file']], [['']], [['run:']], [[]]])(
      'should throw LIFECYCLE_COPY_INVALID for %j',
      async (what) => {
        await expectStowageRejection(
          copyArtifacts(from, to, what),
          LifecycleError,
          'LIFECYCLE_COPY_INVALID',
        );
      },
    );

    it('should refuse to copy a store onto itself', async () => {
      await expectStowageRejection(
        copyArtifacts(from, from, ['model']),
        LifecycleError,
        'LIFECYCLE_COPY_INVALID',
      );
    });

    it('should throw NotFoundError for a key, tag or run the source does not have', async () => {
      await log('model', 'one');
      for (const what of ['nothing', 'model:prod', 'run:20261207T000000000Z-abcdefghij']) {
        await expectStowageRejection(copyArtifacts(from, to, [what]), NotFoundError, 'NOT_FOUND');
      }
      expect(to.puts).toEqual([]);
    });
  });
});

describe(StoreLifecycle, () => {
  describe('when copying between two local stores', () => {
    const roots: string[] = [];
    afterEach(async () => {
      await Promise.all(roots.splice(0).map((r) => fs.rm(r, { recursive: true, force: true })));
    });

    it('should copy a key with its tags both ways and read back the same bytes', async () => {
      const [a, b] = await Promise.all(
        [0, 1].map(async () => {
          const root = await fs.mkdtemp(join(tmpdir(), 'stowage-test-copy-'));
          roots.push(root);
          return new LocalStore({ root, fsync: false });
        }),
      );
      const repoA = new StoreArtifactRepository({ store: a! });
      const repoB = new StoreArtifactRepository({ store: b! });
      const big = Buffer.alloc(3 * 1024 * 1024 + 7, 7);
      const v = (await repoA.log(new Artifact({ key: 'blob', body: big }), { tag: 'prod' }))
        .version as string;
      const there = await new StoreLifecycle(a!).copy(b!, 'blob', { tags: true });
      expect(there.totals).toMatchObject({ copied: 1, tags: 1, bytes: big.length });
      expect((await (await repoB.open('store://blob:prod')).get()).equals(big)).toBe(true);
      await repoA.log(new Artifact({ key: 'blob', body: Buffer.from('b2') }));
      const back = await new StoreLifecycle(b!).copy(a!, ['blob']);
      expect(back.versions).toEqual([
        { key: 'blob', version: v, outcome: 'present', files: 1, bytes: big.length },
      ]);
      await repoA.dispose();
      await repoB.dispose();
    });
  });
});
