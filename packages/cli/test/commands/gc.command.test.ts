import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { GarbageReport } from '@stowage/core';
import { assertBuilt, stowage, tempDir } from '../helpers/cli-process';

const CORE_FIXTURES = resolve(__dirname, '../../../core/test/fixtures');
const KILLS = 3;

/** Runs core's kill-test writer and SIGKILLs it in the middle of its big artifact. */
function killMidWrite(root: string, cache: string, n: number): Promise<NodeJS.Signals | null> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        join(CORE_FIXTURES, 'register-ts.js'),
        join(CORE_FIXTURES, 'gc-kill-writer.js'),
        root,
        String(n),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, STOWAGE_TS_CACHE: cache } },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('MID')) child.kill('SIGKILL');
    });
    child.on('error', fail);
    child.on('exit', (_code, signal) => done(signal));
  });
}

describe('stowage gc', () => {
  const dir = tempDir();
  const cache = mkdtempSync(join(tmpdir(), 'stowage-test-ts-cache-'));
  const store = (): string => join(dir.path, 'store');
  const gc = (...args: string[]) => stowage(['gc', '--store', store(), ...args], { cwd: dir.path });

  beforeAll(async () => {
    assertBuilt();
    for (let n = 0; n < KILLS; n++) expect(await killMidWrite(store(), cache, n)).toBe('SIGKILL');
  }, 60_000);
  afterAll(() => {
    dir.remove();
    rmSync(cache, { recursive: true, force: true });
  });

  describe('when the leftovers are younger than the default grace period', () => {
    it('should find nothing and exit 0', async () => {
      const { code, stdout, stderr } = await gc('--json');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as GarbageReport;
      expect(report).toMatchObject({ dryRun: true, graceMs: 3_600_000, staleMs: 600_000 });
      expect(report.items.filter((i) => i.kind !== 'lost-run')).toEqual([]);
    });
  });

  describe('when writers were killed mid-write', () => {
    it('should show the leftovers, remove them with --yes, and find nothing after', async () => {
      const table = await gc('--grace', '0');
      expect(table.code).toBe(0);
      const lines = table.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^KIND\s+PATH\s+SIZE\s+AGE\s+ACTION\s+WHY$/);
      expect(lines.filter((l) => l.startsWith('lost run'))).toHaveLength(KILLS);
      expect(lines.filter((l) => l.startsWith('temp file')).length).toBeGreaterThanOrEqual(KILLS);
      expect(lines[lines.length - 1]).toMatch(
        /^Dry run: \d+ item\(s\), .* would be reclaimed \(grace period 0 ms\)\. Run again with --yes to remove them\.$/,
      );

      const plan = JSON.parse((await gc('--grace', '0', '--json')).stdout) as GarbageReport;
      const removed = await gc('--grace', '0', '--yes', '--json');
      expect(removed.code).toBe(0);
      const done = JSON.parse(removed.stdout) as GarbageReport;
      expect(done.dryRun).toBe(false);
      expect(done.items.map((i) => [i.kind, i.path])).toEqual(
        plan.items.map((i) => [i.kind, i.path]),
      );
      expect(done.totals).toMatchObject({
        found: plan.totals.found,
        removed: plan.totals.found,
        reclaimed: plan.totals.bytes,
        failed: 0,
      });
      expect(done.totals.reclaimed).toBeGreaterThan(KILLS * 8 * 1024 * 1024);

      const again = await gc('--grace', '0', '--yes');
      expect(again.stdout).toBe('Nothing to collect (grace period 0 ms).\n');
      const runs = await stowage(['runs', '--status', 'lost', '--json', '--store', store()], {
        cwd: dir.path,
      });
      expect((JSON.parse(runs.stdout) as unknown[]).length).toBe(KILLS);
      for (let n = 0; n < KILLS; n++) {
        const got = await stowage(['artifacts', 'show', `kept-${n}`, '--store', store()], {
          cwd: dir.path,
        });
        expect(got.stdout).toContain(`committed by writer ${n}`);
      }
    }, 30_000);
  });

  describe('when a duration is malformed', () => {
    it('should exit 2 with a one-line usage error', async () => {
      const { code, stdout, stderr } = await gc('--grace', '5x');
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        'stowage: --grace "5x" is not a duration. How to fix: Write --grace with a unit: 0, 90s, 30m, 1h or 2d.\n',
      );
    });
  });
});
