import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Artifact } from '../../src/artifacts/artifact';
import { copyArtifacts } from '../../src/lifecycle/copy-artifacts';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { LocalStore } from '../../src/stores/local.store';
import { runCopyChild } from '../helpers/copy-child';

const VERSIONS = 8;
/** Each version has two files, streamed in order: the 12th stream is the 6th version's second. */
const HANG_AT = 12;

describe(copyArtifacts, () => {
  describe('when the copying process is killed (SIGKILL) in the middle of a version', () => {
    let root: string;
    beforeAll(async () => {
      root = await fs.mkdtemp(join(tmpdir(), 'stowage-test-copy-kill-'));
      await Promise.all(['from', 'to', 'cache'].map((d) => fs.mkdir(join(root, d))));
    });
    afterAll(async () => {
      await fs.rm(root, { recursive: true, force: true });
    });

    it('should show no half-copied version, and a second copy should finish the rest', async () => {
      const from = new LocalStore({ root: join(root, 'from'), fsync: false });
      const to = new LocalStore({ root: join(root, 'to'), fsync: false });
      // Both files of each version stored apart (streamed by the copy), so a hang can fall between.
      const src = new StoreArtifactRepository({ store: from, inlineMaxBytes: 0 });
      const dst = new StoreArtifactRepository({ store: to });
      const versions: string[] = [];
      for (let i = 0; i < VERSIONS; i++) {
        const artifact = new Artifact({
          key: 'model',
          body: Buffer.alloc(64 * 1024, i),
          fileName: 'weights.bin',
          files: { 'card.md': Buffer.from(`version ${i}`) },
        });
        versions.push((await src.log(artifact)).version as string);
      }

      const killed = await runCopyChild({
        from: { local: from.root },
        to: { local: to.root },
        what: ['model'],
        hangAt: HANG_AT,
        cache: join(root, 'cache'),
      });
      expect(killed.signal).toBe('SIGKILL');
      const done = versions.slice(0, 5);
      expect(killed.copied).toEqual(done.map((v) => `model@${v}`));
      // Only whole versions are visible: the one being copied has no record.
      expect(await dst.versions('model')).toEqual(done);
      for (const version of done) {
        const item = await dst.open(`store://model@${version}`);
        expect((await item.get()).equals(Buffer.alloc(64 * 1024, versions.indexOf(version)))).toBe(
          true,
        );
      }

      const resumed = await copyArtifacts(from, to, ['model']);
      expect(resumed.versions.map((v) => v.outcome)).toEqual([
        ...done.map(() => 'present'),
        'copied',
        'copied',
        'copied',
      ]);
      expect(await dst.versions('model')).toEqual(versions);
      for (const [i, version] of versions.entries()) {
        const item = await dst.open(`store://model@${version}`);
        expect((await item.get()).equals(Buffer.alloc(64 * 1024, i))).toBe(true);
        expect(await (await dst.open(`store://model@${version}#card.md`)).getText()).toBe(
          `version ${i}`,
        );
      }
      const again = await copyArtifacts(from, to, ['model']);
      expect(again.totals).toMatchObject({ copied: 0, present: VERSIONS });
      await src.dispose();
      await dst.dispose();
    });
  });
});
