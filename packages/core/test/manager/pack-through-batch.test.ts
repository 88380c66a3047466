import 'reflect-metadata';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Artifact } from '../../src/artifacts/artifact';
import { Pack } from '../../src/decorators/pack.decorator';
import { Packager } from '../../src/decorators/packager.decorator';
import { PackingError } from '../../src/errors/packing.error';
import { StoreError } from '../../src/errors/store.error';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';
import type { LogHintSource } from '../../src/log-hints/parse-log-hint';
import { PackagersManager } from '../../src/manager/packagers-manager';
import type { PackedArtifact } from '../../src/manager/packed-output';
import { BUILTIN_PACKAGERS } from '../../src/packagers/builtin';
import type { ArtifactOutput, PackContext } from '../../src/packagers/pack-context';
import type { StagedArtifact } from '../../src/repository/artifact-repository';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { LocalStore } from '../../src/stores/local.store';
import { MemoryStore } from '../../src/stores/memory.store';
import { expectStowageRejection } from '../helpers/expect-stowage-error';
import { failingCommit } from '../helpers/failing-commit';
import { filesUnder } from '../helpers/files-under';

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

/** Directories the pack methods below made, to check they are gone. */
const made: string[] = [];

@Packager({ type: Point, name: 'test.scratch-point' })
class ScratchPointPackager {
  @Pack('file')
  async packFile(point: Point, key: string, _o: object, ctx: PackContext): Promise<ArtifactOutput> {
    const dir = await ctx.tempDir();
    made.push(dir);
    const path = join(dir, 'point.json');
    await fs.writeFile(path, JSON.stringify(point));
    if (point.x < 0) throw new Error('negative x');
    return { artifact: new Artifact({ key, body: { path }, fileName: 'point.json' }) };
  }
}

const quiet = { warn: (): void => undefined };

/** A stored record without what differs between two loggings (version, time, producer). */
function comparable(artifact: Artifact): Record<string, unknown> {
  const { version, uri, createdAt, producer, ...rest } = { ...artifact };
  void [version, uri, createdAt, producer];
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

describe('PackagersManager.pack through an output batch', () => {
  let sandbox: string;
  beforeEach(async () => {
    made.length = 0;
    sandbox = await fs.mkdtemp(join(tmpdir(), 'stowage-test-pack-batch-'));
  });
  afterEach(() => fs.rm(sandbox, { recursive: true, force: true }));

  describe.each<[string, unknown, LogHintSource]>([
    ['a string as a file', 'some text', 'note : file'],
    ['a record as an object', { a: 1, b: [true, null] }, 'rec : object'],
    ['a custom value with scratch files', new Point(1, 2), 'pt : file'],
  ])('when %s is logged by pack() and by run()', (_name, value, hint) => {
    it('should store identical artifact records', async () => {
      const make = (): PackagersManager =>
        new PackagersManager({
          store: new MemoryStore(),
          packagers: [...BUILTIN_PACKAGERS, ScratchPointPackager],
          warnings: quiet,
          tempRoot: sandbox,
        });
      const byPack = make();
      const byRun = make();

      const packed = (await byPack.pack(value, hint)) as PackedArtifact;
      const record = await run(
        handler(() => value),
        { manager: byRun, returns: [hint] },
      );

      expect(record.status).toBe('completed');
      expect(packed.kind).toBe('artifact');
      const key = packed.key;
      const packedRecord = await (byPack.repository as StoreArtifactRepository).read(key);
      const runRecord = await (byRun.repository as StoreArtifactRepository).read(key);
      expect(comparable(runRecord)).toEqual(comparable(packedRecord));
      expect(comparable(packed.artifact)).toEqual(comparable(packedRecord));
      expect(record.artifacts.map((a) => a.key)).toEqual([key]);
      expect(await fs.readdir(sandbox)).toEqual([]);
    });
  });

  describe('when the value is a result', () => {
    it('should return the same result as run() records', async () => {
      const manager = new PackagersManager({ store: new MemoryStore(), warnings: quiet });
      const packed = await manager.pack(0.93, 'acc');
      const record = await run(
        handler(() => 0.93),
        { manager, returns: ['acc'] },
      );
      expect(packed).toMatchObject({ kind: 'result', key: 'acc', value: 0.93 });
      expect(record.results).toEqual({ acc: 0.93 });
    });
  });

  describe('when the commit fails', () => {
    it('should throw PACKING_STORE_FAILED and leave no staged bytes and no temp dirs', async () => {
      const root = join(sandbox, 'store');
      const inner = new StoreArtifactRepository({ store: new LocalStore({ root }) });
      const { repository: failing, aborted } = failingCommit(inner);
      const temp = join(sandbox, 'temp');
      await fs.mkdir(temp);
      const manager = new PackagersManager({
        repository: failing,
        packagers: [ScratchPointPackager],
        warnings: quiet,
        tempRoot: temp,
      });

      const error = await expectStowageRejection(
        manager.pack(new Point(1, 2), 'pt : file'),
        PackingError,
        'PACKING_STORE_FAILED',
      );

      expect(error.details).toMatchObject({ key: 'pt', step: 'committing' });
      expect(aborted).toEqual(['pt']);
      expect(made).toHaveLength(1);
      expect(made[0]?.startsWith(join(temp, 'stowage-'))).toBe(true);
      expect(await fs.readdir(temp)).toEqual([]);
      // Only the store's format marker, written with the first write.
      expect(await filesUnder(root)).toEqual(['stowage-store.json']);
      await inner.dispose();
    });
  });

  describe('when the commit fails with a Stowage error that has its own fix', () => {
    it("should say what failed without pasting the cause's fix, and keep the cause", async () => {
      const inner = new StoreArtifactRepository({ store: new MemoryStore() });
      const cause = new StoreError('The disk is full.', { fix: 'Free some space.' });
      const failing = Object.assign(Object.create(inner) as StoreArtifactRepository, {
        commit: (_staged: StagedArtifact) => Promise.reject(cause),
      });
      const manager = new PackagersManager({ repository: failing, warnings: quiet });

      const error = await expectStowageRejection(
        manager.pack('text', 'note : file'),
        PackingError,
        'PACKING_STORE_FAILED',
      );

      expect(error.summary).toBe(
        'Storing the output "note" failed while committing: The disk is full.',
      );
      expect(error.message).not.toContain('Free some space.');
      expect(error.cause).toBe(cause);
      await inner.dispose();
    });
  });

  describe('when the pack method fails after making scratch files', () => {
    it('should throw PACKING_METHOD_FAILED and leave no staged bytes and no temp dirs', async () => {
      const root = join(sandbox, 'store');
      const temp = join(sandbox, 'temp');
      await fs.mkdir(temp);
      const manager = new PackagersManager({
        store: new LocalStore({ root }),
        packagers: [ScratchPointPackager],
        warnings: quiet,
        tempRoot: temp,
      });

      await expectStowageRejection(
        manager.pack(new Point(-1, 2), 'pt : file'),
        PackingError,
        'PACKING_METHOD_FAILED',
      );

      expect(made[0]?.startsWith(join(temp, 'stowage-'))).toBe(true);
      expect(await fs.readdir(temp)).toEqual([]);
      expect(await filesUnder(root)).toEqual([]);
    });
  });
});
