import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LocalStore, StoreArtifactRepository } from '@stowage/core';
import { damageArtifactFile } from '@stowage/testing';
import { assertBuilt, fixture, stowage, tempDir } from '../helpers/cli-process';

interface FailureJson {
  readonly name: string;
  readonly code?: string;
  readonly exitCode: number;
  readonly cause?: { readonly name: string; readonly code?: string };
}

/** Parses stderr, which must be exactly one line holding one JSON object. */
function onlyJsonLine(stderr: string): FailureJson {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as FailureJson;
}

/** Every file under `dir`, absolute. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * Core failures keep their core error (class and code) and exit 1; only a wrong command line is a
 * `UsageError` with exit 2 (docs/cli.md, "exit codes").
 */
describe('stowage exit codes', () => {
  // Each test starts the binary: the project-wide testTimeout (jest.config.ts) allows for load.
  const dir = tempDir();
  let env: Record<string, string>;

  beforeAll(() => {
    assertBuilt();
    env = { STOWAGE_STORE: join(dir.path, 'store') };
  });
  afterAll(() => dir.remove());

  describe.each<[string, string[], string, string]>([
    ['a missing module file', ['run', 'jobs/missing.js'], 'NotFoundError', 'NOT_FOUND'],
    ['a missing export', ['run', fixture('jobs.js#tripple')], 'NotFoundError', 'NOT_FOUND'],
    ['a missing method', ['run', fixture('jobs.js#Widget.nope')], 'NotFoundError', 'NOT_FOUND'],
    [
      'an export that is not a handler',
      ['run', fixture('jobs.js#answer')],
      'HandlerError',
      'HANDLER_INVALID',
    ],
  ])('when given %s', (_what, args, name, errorCode) => {
    it(`should fail with the core ${name} ${errorCode} and exit 1`, async () => {
      const text = await stowage(args, { cwd: dir.path, env });
      expect(text.code).toBe(1);
      expect(text.stderr).toMatch(/^stowage: .* How to fix: /);

      const json = await stowage([...args, '--json'], { cwd: dir.path, env });
      expect(json.code).toBe(1);
      expect(onlyJsonLine(json.stderr)).toMatchObject({ name, code: errorCode, exitCode: 1 });
    });
  });

  describe('when explain --hint is given an artifact that does not unpack', () => {
    it('should fail with the core UnpackingError UNPACKING_FAILED, its cause, and exit 1', async () => {
      const logged = await stowage(
        ['run', `${fixture('jobs.js')}#echo`, '-p', 'value=[1,2,3]', '--returns', 'nums : file'],
        { cwd: dir.path, env },
      );
      expect(logged.code).toBe(0);
      const root = join(dir.path, 'store');
      const repository = new StoreArtifactRepository({ store: new LocalStore({ root }) });
      await damageArtifactFile(repository.store, await repository.read('nums'));
      await repository.dispose();

      const args = ['explain', 'store://nums', '--hint', 'nums : result'];
      const text = await stowage(args, { cwd: dir.path, env });
      expect(text.code).toBe(1);
      expect(text.stderr).toMatch(
        /^stowage: Cannot explain packing under "nums : result": the artifact did not unpack\. How to fix: /,
      );

      const json = await stowage([...args, '--json'], { cwd: dir.path, env });
      expect(json.code).toBe(1);
      const failure = onlyJsonLine(json.stderr);
      expect(failure).toMatchObject({
        name: 'UnpackingError',
        code: 'UNPACKING_FAILED',
        exitCode: 1,
      });
      expect(failure.cause?.code).toBeDefined();
    });
  });

  describe('when the command line itself is wrong', () => {
    it('should still be a UsageError that exits 2', async () => {
      const json = await stowage(['run', 'src/jobs.ts#train', '--json'], { cwd: dir.path, env });
      expect(json.code).toBe(2);
      expect(onlyJsonLine(json.stderr)).toMatchObject({ name: 'UsageError', exitCode: 2 });
    });
  });
});

describe('UsageError in the CLI sources', () => {
  describe('when a source file throws one with a code', () => {
    it('should use a CLI_ code, never a core one', () => {
      const src = join(__dirname, '../../src');
      const codes = filesUnder(src)
        .filter((f) => f.endsWith('.ts'))
        .flatMap((f) =>
          [
            ...readFileSync(f, 'utf8').matchAll(
              /new UsageError\((?:(?!new \w+Error)[\s\S])*?code: '([A-Z_]+)'/g,
            ),
          ].map((m) => `${relative(src, f)}: ${m[1] ?? ''}`),
        );
      expect(codes.length).toBeGreaterThan(0);
      expect(codes.filter((c) => !/: CLI_/.test(c))).toEqual([]);
    });
  });
});
