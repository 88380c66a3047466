import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small tmpfs mounted for one test file (see {@link describeWithTmpfs}). */
export interface TmpfsMount {
  /** The mount point. */
  readonly dir: string;
  /** Remounts it read-only. */
  readOnly(): void;
}

function run(args: readonly string[]): string | undefined {
  const result = spawnSync('mount', args, { encoding: 'utf8', timeout: 10_000 });
  if (result.status === 0) return undefined;
  return (result.stderr || result.error?.message || `mount exited ${result.status}`).trim();
}

function unmount(dir: string): void {
  spawnSync('umount', [dir], { timeout: 10_000 });
  try {
    rmdirSync(dir);
  } catch {
    // Still mounted or already gone: nothing more to do here.
  }
}

// Jest's describe() is synchronous, so whether mounting works is probed once, synchronously.
function probe(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-test-tmpfs-probe-'));
  const failure = run(['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
  unmount(dir);
  return failure;
}

const inCi = (process.env['CI'] ?? '') !== '' && process.env['CI'] !== 'false';

/**
 * `describe` with a tmpfs of `size` (e.g. `2m`) mounted in `beforeAll` and unmounted in `afterAll`.
 *
 * @remarks
 * Mounting needs root (or CAP_SYS_ADMIN). When it is not permitted the block fails under `CI`
 * and is skipped with a loud warning otherwise.
 */
export function describeWithTmpfs(
  name: string,
  size: string,
  fn: (mount: () => TmpfsMount) => void,
): void {
  const failure = probe();
  if (failure !== undefined && !inCi) {
    console.warn(
      `SKIPPING "${name}": cannot mount a tmpfs (${failure}). Run the tests as root (CI does).`,
    );
    describe.skip(name, () => fn(() => ({ dir: '', readOnly: () => undefined })));
    return;
  }
  describe(name, () => {
    let current: TmpfsMount | undefined;
    beforeAll(() => {
      const dir = mkdtempSync(join(tmpdir(), 'stowage-test-tmpfs-'));
      const error = run(['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
      if (error !== undefined) {
        rmdirSync(dir);
        throw new Error(`Cannot mount a tmpfs at ${dir}: ${error} (the tests need root).`);
      }
      current = {
        dir,
        readOnly: () => {
          const failed = run(['-o', 'remount,ro', dir]);
          if (failed !== undefined) throw new Error(`Cannot remount ${dir} read-only: ${failed}`);
        },
      };
    });
    afterAll(() => {
      if (current !== undefined) unmount(current.dir);
    });
    fn(() => {
      if (current === undefined) throw new Error('The tmpfs is not mounted.');
      return current;
    });
  });
}
