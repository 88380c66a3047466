import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built binary the tests drive (the same file `npm` links as `stowage`). */
export const CLI_MAIN = resolve(__dirname, '../../dist/main.js');
const CLI_SRC = resolve(__dirname, '../../src');
const BUILD_INFO = resolve(__dirname, '../../dist/.tsbuildinfo');

/** What one `stowage` process did. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Fails with a clear message when `packages/cli/dist` is missing or older than `src`.
 *
 * @remarks
 * The tests run the real binary. The cli project's jest `globalSetup`
 * (`scripts/jest-build-binaries.js`) builds it before any test runs, so this only fails when that
 * build was bypassed or `src` changed during the run.
 */
export function assertBuilt(): void {
  if (!existsSync(CLI_MAIN) || !existsSync(BUILD_INFO)) {
    throw new Error(
      `${CLI_MAIN} is missing: build first with "npm run build" (or "npx tsc -b packages/cli").`,
    );
  }
  const built = statSync(BUILD_INFO).mtimeMs;
  const stale = walk(CLI_SRC).filter((file) => statSync(file).mtimeMs > built);
  if (stale.length > 0) {
    throw new Error(
      `packages/cli/dist is older than ${stale[0] ?? 'src'}: rebuild with "npx tsc -b packages/cli".`,
    );
  }
}

/**
 * Runs `node dist/main.js ...args` and collects its exit code and output (never rejects).
 *
 * @remarks
 * `NO_COLOR=1` is set unless `env` overrides it. `terminal: true` preloads
 * `fixtures/as-terminal.js`, so the CLI sees stdout and stderr as a terminal (their width then
 * comes from `COLUMNS` in `env`).
 */
export function stowage(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; terminal?: boolean },
): Promise<CliResult> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    NO_COLOR: '1',
    ...(options.env ?? {}),
  };
  return new Promise((done) => {
    execFile(
      process.execPath,
      [
        ...(options.terminal === true ? ['--require', fixture('as-terminal.js')] : []),
        CLI_MAIN,
        ...args,
      ],
      { cwd: options.cwd, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        done({ code, stdout, stderr });
      },
    );
  });
}

/**
 * A temporary directory made on first use of `path`; `remove()` deletes it (a no-op when it was
 * never made).
 *
 * @remarks
 * Test files call this in a `describe` body, which runs even when the block is skipped
 * (`describe.skip`, the S3 tests without a server, `-t` filters); their `afterAll` then never
 * runs. Creating the directory lazily, in the hooks and tests that use it, leaves nothing behind.
 * `parent` defaults to `os.tmpdir()`.
 */
export function tempDir(
  prefix = 'stowage-cli-',
  parent?: string,
): { readonly path: string; remove: () => void } {
  let made: string | undefined;
  return {
    get path(): string {
      made ??= mkdtempSync(join(parent ?? tmpdir(), prefix));
      return made;
    },
    remove: () => {
      if (made !== undefined) rmSync(made, { recursive: true, force: true });
      made = undefined;
    },
  };
}

/** Absolute path of a fixture module under `test/fixtures`. */
export function fixture(name: string): string {
  return resolve(__dirname, '../fixtures', name);
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}
