import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertBuilt, fixture, stowage, tempDir } from '../helpers/cli-process';

interface RunJson {
  readonly status: string;
  readonly results: Readonly<Record<string, unknown>>;
}

interface FailureJson {
  readonly code: string;
  readonly message: string;
  readonly fix: string;
  readonly exitCode: number;
  readonly details: { readonly path: string };
  readonly cause: { readonly name: string; readonly message: string };
}

/** `stowage run` loads ES modules with import() and CommonJS with require. */
describe('loadModule (through stowage run)', () => {
  const dir = tempDir();

  beforeAll(() => {
    assertBuilt();
  });
  afterAll(() => dir.remove());

  const run = (args: string[]): ReturnType<typeof stowage> =>
    stowage(['run', ...args, '--json'], {
      cwd: dir.path,
      env: { STOWAGE_STORE: `${dir.path}/store` },
    });

  describe('when the module is a .mjs file with top-level await', () => {
    it('should load it and run the handler', async () => {
      const { code, stdout, stderr } = await run([
        fixture('esm/top-level-await.mjs#triple'),
        '-p',
        'x=2',
      ]);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      const record = JSON.parse(stdout) as RunJson;
      expect(record.status).toBe('completed');
      expect(record.results['answer_tripled']).toBe(6);
    });
  });

  describe('when the module is a .js file in a "type": "module" package', () => {
    it('should load it with top-level await and run its default export', async () => {
      const { code, stdout } = await run([fixture('esm-package/jobs.js'), '-p', 'x=2']);
      expect(code).toBe(0);
      expect((JSON.parse(stdout) as RunJson).results['answer_shifted']).toBe(12);
    });
  });

  describe('when the module is CommonJS', () => {
    it('should still load it with require', async () => {
      const { code, stdout } = await run([fixture('jobs.js#double'), '-p', 'x=4']);
      expect(code).toBe(0);
      expect((JSON.parse(stdout) as RunJson).results['answer_doubled']).toBe(8);
    });
  });

  describe('when an ES module is not valid JavaScript', () => {
    it('should fail with CLI_MODULE_FAILED naming the file and how to fix it', async () => {
      // Written here rather than kept as a fixture, which the formatter could not parse.
      const file = join(dir.path, 'syntax-error.mjs');
      writeFileSync(file, 'export function broken( {\n');
      const { code, stderr } = await run([file]);
      expect(code).toBe(1);
      const failure = JSON.parse(stderr) as FailureJson;
      expect(failure.code).toBe('CLI_MODULE_FAILED');
      expect(failure.message).toBe(`Loading ${file} failed: it is not valid JavaScript.`);
      expect(failure.fix).toContain(`node --check ${file}`);
      expect(failure.details.path).toBe(file);
      expect(failure.cause.name).toBe('SyntaxError');
    });
  });

  describe('when an ES module imports a package that is not installed', () => {
    it('should say that an import is missing, with the package in the cause', async () => {
      const { code, stderr } = await run([fixture('esm/missing-import.mjs')]);
      expect(code).toBe(1);
      const failure = JSON.parse(stderr) as FailureJson;
      expect(failure.code).toBe('CLI_MODULE_FAILED');
      expect(failure.message).toMatch(
        /missing-import\.mjs failed: something it imports cannot be found\.$/,
      );
      expect(failure.fix).toMatch(/^Install the package the cause names/);
      expect(failure.cause.message).toContain('stowage-test-package-that-does-not-exist');
    });
  });
});
