import { join } from 'node:path';
import { Artifact, LocalStore, StoreArtifactRepository } from '@stowage/core';
import type { RetentionPlan, TagHistoryEntry, TagMoveResult } from '@stowage/core';
import { assertBuilt, stowage, tempDir } from '../helpers/cli-process';

/** `stowage tag`, `stowage delete` and `stowage gc --retention` on one local store. */
describe('stowage tag, delete and gc --retention', () => {
  // Each test runs several CLI processes on a shared 2-core machine.
  jest.setTimeout(60_000);
  const dir = tempDir();
  const store = (): string => join(dir.path, 'store');
  const cli = (...args: string[]) => stowage([...args, '--store', store()], { cwd: dir.path });
  const versions: string[] = [];

  beforeAll(async () => {
    assertBuilt();
    const repo = new StoreArtifactRepository({ store: new LocalStore({ root: store() }) });
    try {
      for (let i = 0; i < 4; i++)
        versions.push(
          (await repo.log(new Artifact({ key: 'm', body: Buffer.from(`${i}`) }))).version!,
        );
    } finally {
      await repo.dispose();
    }
  });
  afterAll(() => dir.remove());

  describe('when a tag is set, moved, listed and shown with --history', () => {
    it('should say where it moved and show who moved it from where to where', async () => {
      const set = await cli('tag', `m@${versions[0]}`, 'prod', '--by', 'ana', '--json');
      expect(set.code).toBe(0);
      expect(JSON.parse(set.stdout) as TagMoveResult).toMatchObject({
        from: null,
        to: versions[0],
      });
      const moved = await cli('tag', `m@${versions[1]}`, 'prod', '--by', 'bo');
      expect(moved.stdout).toBe(
        `Tag "prod" of m now names ${versions[1]} (moved from ${versions[0]}).\n`,
      );
      const list = await cli('tag', 'm');
      expect(list.stdout).toContain(`prod  ${versions[1]}`);
      const history = await cli('tag', 'm', 'prod', '--history', '--json');
      expect(
        (JSON.parse(history.stdout) as TagHistoryEntry[]).map((h) => [h.by, h.from, h.version]),
      ).toEqual([
        ['ana', null, versions[0]],
        ['bo', versions[0], versions[1]],
      ]);
      expect((await cli('tag', 'm', 'prod', '--history')).stdout).toMatch(/WHEN +WHO +FROM +TO/);
    });
  });

  describe('when the command line is wrong', () => {
    it.each([
      [['tag', 'm', 'prod']],
      [['tag', 'm:prod', 'x']],
      [['tag', 'm', '--history']],
      [['gc', '--retention', 'last=0']],
      [['delete', 'm']],
    ])('should exit 2 for %p', async (args) => {
      const { code, stderr } = await cli(...args);
      expect(code).toBe(2);
      expect(stderr).toMatch(/CLI_USAGE_INVALID|would delete all|--retention|stowage tag/);
    });
  });

  describe('when a tagged version is deleted', () => {
    it('should refuse without --force, naming the tag, and delete with it', async () => {
      const refused = await cli('delete', `m@${versions[1]}`);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('is protected by');
      expect(refused.stderr).toContain('tag "prod"');
      const forced = await cli('delete', `m@${versions[1]}`, '--force');
      expect(forced.code).toBe(0);
      expect(forced.stdout).toContain('tags removed: "prod"');
      expect((await cli('tag', 'm')).stdout).toBe('m has no tags besides latest.\n');
    });
  });

  describe('when retention runs without and then with --yes', () => {
    it('should only show what it would delete, then delete it', async () => {
      const dry = await cli('gc', '--retention', 'last=1', '--json');
      expect(dry.code).toBe(0);
      const plan = (JSON.parse(dry.stdout) as { retention: RetentionPlan }).retention;
      expect(plan.decisions.filter((d) => d.action === 'delete').map((d) => d.version)).toEqual([
        versions[0],
        versions[2],
      ]);
      const text = await cli('gc', '--retention', 'last=1');
      expect(text.stdout).toContain('2 would be deleted. Run again with --yes');
      const done = await cli('gc', '--retention', 'last=1', '--yes');
      expect(done.code).toBe(0);
      expect(done.stdout).toContain('deleted 2 of 2');
      expect((await cli('artifacts', 'list', '--key', 'm', '--json')).stdout).toContain(
        versions[3],
      );
      const left = JSON.parse(
        (await cli('artifacts', 'list', '--key', 'm', '--json')).stdout,
      ) as unknown[];
      expect(left).toHaveLength(1);
    });
  });

  describe('when a whole key is deleted with --yes', () => {
    it('should remove it from the listing', async () => {
      const done = await cli('delete', 'm', '--yes');
      expect(done.code).toBe(0);
      expect(done.stdout).toMatch(/^Deleted 1 version\(s\) of m/);
      expect(JSON.parse((await cli('artifacts', 'list', '--json')).stdout)).toEqual([]);
    });
  });
});
