import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MigrationReport } from '@stowage/core';
import { assertBuilt, stowage, tempDir } from '../helpers/cli-process';

/** A store of the layout before format versions (format 1), written by that code. */
const FORMAT_1 = resolve(__dirname, '../../../core/test/fixtures/stores/format-1');

describe('stowage migrate', () => {
  const dir = tempDir();
  const store = (): string => join(dir.path, 'store');
  const run = (...args: string[]) => stowage([...args, '--store', store()], { cwd: dir.path });

  beforeAll(() => {
    assertBuilt();
    cpSync(FORMAT_1, store(), { recursive: true });
  });
  afterAll(() => dir.remove());

  describe('when a format-1 store is migrated', () => {
    it('should show the plan first, change nothing, then migrate with --yes', async () => {
      const plan = await run('migrate');
      expect(plan.stderr).toBe('');
      expect(plan.code).toBe(0);
      expect(plan.stdout).toMatch(/Would migrate .* from format 1 to 2/);
      expect(plan.stdout).toMatch(/drop duplicate/);
      expect(plan.stdout).toMatch(/Nothing was changed: run `stowage migrate --yes`/);
      expect(existsSync(join(store(), 'stowage-store.json'))).toBe(false);

      const done = await run('migrate', '--yes', '--json');
      expect(done.code).toBe(0);
      const report = JSON.parse(done.stdout) as MigrationReport;
      expect(report).toMatchObject({ from: 1, to: 2, dryRun: false, markerWritten: true });
      expect(report.savedBytes).toBe(2 * 1024 * 1024);
      expect(JSON.parse(readFileSync(join(store(), 'stowage-store.json'), 'utf8'))).toMatchObject({
        format: 2,
      });
    });

    it('should show the logical and the stored size of a deduplicated artifact', async () => {
      const shown = await run('artifacts', 'show', 'store://dataset-copy');
      expect(shown.code).toBe(0);
      expect(shown.stdout).toMatch(/logical size:\s+1\.0 MiB/);
      expect(shown.stdout).toMatch(/stored:\s+0 B of its own, 1\.0 MiB shared with 2 other/);
      expect(shown.stdout).toMatch(/deduplicated:\s+data\.csv/);
    });
  });

  describe('when the store was written by a newer Stowage', () => {
    it('should refuse it with STORE_FORMAT_TOO_NEW', async () => {
      const newer = tempDir();
      try {
        const root = join(newer.path, 'store');
        cpSync(FORMAT_1, root, { recursive: true });
        writeFileSync(join(root, 'stowage-store.json'), '{"format": 9}');
        const listed = await stowage(['artifacts', 'list', '--store', root], { cwd: newer.path });
        expect(listed.code).not.toBe(0);
        expect(listed.stderr).toMatch(
          /has format 9; this Stowage reads up to 2, so it was not read/,
        );
        const json = await stowage(['artifacts', 'list', '--json', '--store', root], {
          cwd: newer.path,
        });
        expect(json.stderr).toMatch(/STORE_FORMAT_TOO_NEW/);
      } finally {
        newer.remove();
      }
    });
  });
});
