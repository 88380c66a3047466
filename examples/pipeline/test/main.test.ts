import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const MAIN = resolve(__dirname, '../dist/main.js');

function demo(
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [MAIN],
      { cwd, env: { PATH: process.env['PATH'] ?? '', ...env } },
      (error, stdout, stderr) => {
        done({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1,
          stdout,
          stderr,
        });
      },
    );
  });
}

/** `npm run demo` runs this file (built): it must print as it goes and fail loudly. */
// The demo compiles parquet-wasm on its first Parquet write: allow for a loaded machine.
jest.setTimeout(60_000);

describe('the demo main (built)', () => {
  let dir: string;

  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first with "npm run build".`);
    dir = mkdtempSync(join(tmpdir(), 'stowage-demo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('when run in an empty directory', () => {
    it('should use ./.stowage, print every step and the summary, and exit 0', async () => {
      const { code, stdout } = await demo(dir);
      expect(code).toBe(0);
      expect(existsSync(join(dir, '.stowage', 'runs'))).toBe(true);
      expect(stdout).toMatch(/^▶ prepare\n {2}run {7}\S+ \(completed\)$/m);
      expect(stdout).toMatch(/^ {2}artifact {2}model \(model\) store:\/\/model@\S+$/m);
      expect(stdout).toMatch(
        /^STEP\s+RUN\s+STATUS\s+TIME\s+RESULTS\s+ARTIFACTS\nprepare\s.*\ntrain\s.*\nevaluate\s.*roc$/m,
      );
      // It ends with the one command that opens its store in the UI.
      expect(stdout.trimEnd().split('\n').pop()).toBe(
        `  npx stowage ui --store ${pathToFileURL(join(dir, '.stowage')).href} --open`,
      );
    });
  });

  describe('when the store cannot be written', () => {
    it('should print the failing step and exit 1', async () => {
      const blocker = join(dir, 'not-a-directory');
      writeFileSync(blocker, 'x');
      const { code, stderr } = await demo(dir, { STOWAGE_STORE: join(blocker, 'store') });
      expect(code).toBe(1);
      expect(stderr).toMatch(/^demo failed: step "prepare" failed: /);
    });
  });
});
