import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { StoreArtifactRepository } from '@stowage/core';
import { S3Store } from '../src/s3.store';
import { raceLatest } from '../../core/test/helpers/latest-race';
import { describeS3, freshBucket } from './helpers/s3-test-server';

const run = promisify(execFile);
const repoRoot = resolve(__dirname, '../../..');
const hook = join(repoRoot, 'packages/core/test/fixtures/register-ts.js');
const writerScript = join(__dirname, 'fixtures/concurrent-writer.js');

interface Written {
  readonly version: string;
  readonly sha256: string;
  readonly text: string;
}

describeS3('S3Store with writers in several processes', () => {
  let bucket: Awaited<ReturnType<typeof freshBucket>>;
  beforeAll(async () => {
    bucket = await freshBucket({ prefix: 'multi' });
  });
  afterAll(async () => {
    await bucket?.cleanup();
  });

  describe('when 3 processes log versions of one key at the same time', () => {
    it('should keep every version, each readable with its own bytes', async () => {
      const key = 'shared-model';
      const writers = ['a', 'b', 'c'];
      const outputs = await Promise.all(
        writers.map((id) =>
          run(process.execPath, ['-r', hook, writerScript], {
            cwd: repoRoot,
            env: {
              ...process.env,
              STOWAGE_S3_OPTIONS: JSON.stringify(bucket.options),
              WRITER_ID: id,
              WRITE_COUNT: '3',
              ARTIFACT_KEY: key,
              NODE_NO_WARNINGS: '1',
            },
          }),
        ),
      );
      const written = outputs.flatMap((o) => JSON.parse(o.stdout) as Written[]);
      expect(written).toHaveLength(9);

      const store = new S3Store(bucket.options);
      const repo = new StoreArtifactRepository({ store });
      try {
        // Read right after the writers finished: S3 lists are strongly consistent (AWS) and were
        // so on Swift here too; a lagging listing would show up as a missing version.
        expect((await repo.versions(key)).sort()).toEqual(written.map((w) => w.version).sort());
        for (const w of written) {
          const item = await repo.open(`store://${key}@${w.version}`);
          expect(item.meta?.sha256).toBe(w.sha256);
          expect((await item.getText()).split('\n')[0]).toBe(w.text);
        }
        const latest = await repo.read(key);
        expect(written.map((w) => w.version)).toContain(latest.version);
      } finally {
        await repo.dispose();
        await store.close();
      }
    }, 240_000);
  });

  describe('when 4 processes commit 5 versions each while another process reads latest', () => {
    it('should lose no version and never show latest older than the newest commit', async () => {
      const race = await raceLatest(
        { STOWAGE_S3_OPTIONS: JSON.stringify(bucket.options) },
        'raced',
        4,
        5,
      );
      expect(race.committed).toHaveLength(20);
      expect(race.behind).toEqual([]);
      expect(race.backwards).toEqual([]);
      const store = new S3Store(bucket.options);
      const repo = new StoreArtifactRepository({ store });
      try {
        expect(await repo.versions('raced')).toEqual([...race.committed].sort());
        expect((await repo.read('raced')).version).toBe([...race.committed].sort().pop());
      } finally {
        await repo.dispose();
        await store.close();
      }
    }, 240_000);
  });
});
