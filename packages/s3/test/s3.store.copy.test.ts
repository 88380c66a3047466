import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  Artifact,
  LocalStore,
  RunContext,
  RunRepository,
  StoreArtifactRepository,
  copyArtifacts,
  listTags,
} from '@stowage/core';
import { S3Store } from '../src/s3.store';
import { runCopyChild } from '../../core/test/helpers/copy-child';
import { describeS3, freshBucket } from './helpers/s3-test-server';

describeS3('copyArtifacts between a local store and S3', () => {
  let bucket: Awaited<ReturnType<typeof freshBucket>> | undefined;
  let root: string;
  const s3 = (): S3Store =>
    new S3Store({ ...bucket!.options, prefix: `cp-${randomBytes(6).toString('hex')}` });
  const local = async (name: string): Promise<LocalStore> => {
    const dir = join(root, `${name}-${randomBytes(4).toString('hex')}`);
    await fs.mkdir(dir);
    return new LocalStore({ root: dir, fsync: false });
  };
  beforeAll(async () => {
    bucket = await freshBucket();
    root = await fs.mkdtemp(join(tmpdir(), 'stowage-test-s3-copy-'));
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await fs.rm(root, { recursive: true, force: true });
  });

  describe('when a run and its outputs go to S3 and come back to another local store', () => {
    it('should keep versions, records, files, tags and the run record, and be a no-op the second time', async () => {
      const laptop = await local('laptop');
      const team = s3();
      const back = await local('back');
      const repo = new StoreArtifactRepository({ store: laptop });
      const run = await RunContext.start({ store: laptop, name: 'train', heartbeatMs: 0 });
      const big = randomBytes(6 * 1024 * 1024 + 3);
      const model = await run.logArtifact(
        new Artifact({
          key: 'model',
          body: big,
          fileName: 'weights.bin',
          files: { 'card.md': Buffer.from('# card') },
        }),
        { tag: 'prod' },
      );
      await run.complete();

      const up = await copyArtifacts(laptop, team, [`run:${run.id}`], { tags: true });
      expect(up.totals).toMatchObject({ copied: 1, runs: 1, tags: 1, bytes: big.length + 6 });
      const again = await copyArtifacts(laptop, team, [`run:${run.id}`], { tags: true });
      expect(again.totals).toMatchObject({ copied: 0, present: 1, runs: 0, tags: 0 });

      const down = await copyArtifacts(team, back, ['model:prod'], { tags: true });
      expect(down.versions.map((v) => [v.version, v.outcome])).toEqual([[model.version, 'copied']]);
      expect(down.runs).toEqual([{ id: run.id, outcome: 'copied', lineage: true }]);
      const backRepo = new StoreArtifactRepository({ store: back });
      const item = await backRepo.open('store://model:prod');
      expect((await item.get()).equals(big)).toBe(true);
      expect(await (await backRepo.open('store://model:prod#card.md')).getText()).toBe('# card');
      expect(await listTags(back, 'model')).toEqual([{ tag: 'prod', version: model.version }]);
      expect(await new RunRepository({ store: back }).read(run.id)).toEqual(
        await new RunRepository({ store: laptop }).read(run.id),
      );
      await repo.dispose();
      await backRepo.dispose();
      await team.close();
    });
  });

  describe('when a copy to S3 is killed (SIGKILL) in the middle of a version', () => {
    it('should show only whole versions in S3, and a second copy should finish the rest', async () => {
      const laptop = await local('kill');
      const team = s3();
      // Both files of each version stored apart (streamed by the copy), so a hang can fall between.
      const repo = new StoreArtifactRepository({ store: laptop, inlineMaxBytes: 0 });
      const versions: string[] = [];
      for (let i = 0; i < 4; i++) {
        const artifact = new Artifact({
          key: 'data',
          body: Buffer.alloc(32 * 1024, i),
          fileName: 'rows.bin',
          files: { 'schema.json': Buffer.from(`{"v":${i}}`) },
        });
        versions.push((await repo.log(artifact)).version as string);
      }
      const cache = await fs.mkdtemp(join(root, 'cache-'));
      const killed = await runCopyChild({
        from: { local: laptop.root },
        to: { s3: { ...bucket!.options, prefix: team.prefix } },
        what: ['data'],
        hangAt: 6, // the 3rd version's second file
        cache,
      });
      expect(killed.signal).toBe('SIGKILL');
      expect(killed.copied).toEqual(versions.slice(0, 2).map((v) => `data@${v}`));
      const dst = new StoreArtifactRepository({ store: team });
      expect(await dst.versions('data')).toEqual(versions.slice(0, 2));

      const resumed = await copyArtifacts(laptop, team, ['data']);
      expect(resumed.versions.map((v) => v.outcome)).toEqual([
        'present',
        'present',
        'copied',
        'copied',
      ]);
      for (const [i, version] of versions.entries()) {
        const bytes = await (await dst.open(`store://data@${version}`)).get();
        expect(bytes.equals(Buffer.alloc(32 * 1024, i))).toBe(true);
      }
      await repo.dispose();
      await dst.dispose();
      await team.close();
    });
  });
});
