import { join } from 'node:path';
import { Artifact, LocalStore, StoreArtifactRepository } from '@stowage/core';
import type { CopyResult } from '@stowage/core';
import { assertBuilt, stowage, tempDir } from '../helpers/cli-process';

/** `stowage cp` between two local stores, and the tags `stowage artifacts show` lists. */
describe('stowage cp', () => {
  jest.setTimeout(60_000);
  const dir = tempDir();
  const a = (): string => join(dir.path, 'a');
  const b = (): string => join(dir.path, 'b');
  const cli = (...args: string[]) => stowage(args, { cwd: dir.path });
  const versions: string[] = [];

  beforeAll(async () => {
    assertBuilt();
    const repo = new StoreArtifactRepository({ store: new LocalStore({ root: a() }) });
    try {
      for (let i = 0; i < 3; i++) {
        const artifact = new Artifact({ key: 'm', body: Buffer.from(`v${i}`), fileName: 'm.txt' });
        versions.push((await repo.log(artifact, i === 1 ? { tag: 'prod' } : {})).version!);
      }
    } finally {
      await repo.dispose();
    }
  });
  afterAll(() => dir.remove());

  describe('when a tagged version is copied with --tags, then copied again', () => {
    it('should copy it with its tag, then say there is nothing to copy', async () => {
      const dry = await cli('cp', a(), b(), 'm:prod', '--tags', '--dry-run');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('would copy');
      expect(dry.stdout).toContain('Nothing was written.');
      const first = await cli('cp', a(), b(), 'm:prod', '--tags', '--by', 'ci', '--json');
      expect(first.code).toBe(0);
      const result = JSON.parse(first.stdout) as CopyResult;
      expect(result.versions.map((v) => [v.version, v.outcome])).toEqual([[versions[1], 'copied']]);
      expect(result.tags).toEqual([
        { key: 'm', tag: 'prod', version: versions[1], from: null, outcome: 'moved' },
      ]);
      const again = await cli('cp', a(), b(), 'm:prod', '--tags');
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('Nothing to copy: all 1 version(s) are already in');
      const shown = await cli('--store', b(), 'artifacts', 'show', 'm:prod');
      expect(shown.stdout).toMatch(/^tags: +prod \(1 move\)$/m);
      const all = await cli('cp', a(), b(), 'm');
      expect(all.stdout).toMatch(
        /Copied 2 version\(s\) \(4 B\) to file:\/\/.*; 1 already there\.\n$/,
      );
    });
  });

  describe('when the destination holds a version with other bytes', () => {
    it('should exit 1 with LIFECYCLE_COPY_CONFLICT and leave it as it was', async () => {
      const c = join(dir.path, 'c');
      const repo = new StoreArtifactRepository({ store: new LocalStore({ root: c }) });
      const staged = await repo.stage(
        new Artifact({ key: 'm', body: Buffer.from('other'), fileName: 'm.txt' }),
        { copyOf: { version: versions[0]! } },
      );
      await repo.commit(staged);
      await repo.dispose();
      const refused = await cli('cp', a(), c, 'm');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('already exist in');
      expect(refused.stderr).toContain(`m@${versions[0]}`);
      const check = new StoreArtifactRepository({ store: new LocalStore({ root: c }) });
      expect(await (await check.open(`store://m@${versions[0]}`)).getText()).toBe('other');
      expect(await check.versions('m')).toEqual([versions[0]]);
      await check.dispose();
    });
  });

  describe('when the command line is wrong', () => {
    it.each([[['cp', 'a', 'b', 'x@y:z']], [['cp', 'a', 'b', 'k#file']], [['cp', 'a', 'b']]])(
      'should exit 2 for %p',
      async (args) => {
        const { code, stderr } = await cli(...args);
        expect(code).toBe(2);
        expect(stderr).toMatch(/stowage cp cannot copy|missing required argument/);
      },
    );
  });
});
