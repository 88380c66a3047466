import { assertBuilt, fixture, stowage, tempDir } from '../helpers/cli-process';

interface ErrorJson {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly fix?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly stack?: string;
  readonly cause?: ErrorJson;
}

type FailureJson = ErrorJson & { readonly exitCode: number };

/** Parses stderr, which must be exactly one line holding one JSON object. */
function onlyJsonLine(stderr: string): FailureJson {
  expect(stderr.endsWith('\n')).toBe(true);
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as FailureJson;
}

/** Under --json a failure is one JSON object on stderr; without it, the text stays as it was. */
describe('failureJson (through the stowage binary)', () => {
  const dir = tempDir();
  let env: Record<string, string>;

  beforeAll(() => {
    assertBuilt();
    env = { STOWAGE_STORE: `${dir.path}/store` };
  });
  afterAll(() => dir.remove());

  describe('when the command line is wrong', () => {
    it('should print code, message, fix and exit code 2', async () => {
      const { code, stdout, stderr } = await stowage(['runs', '--verbose', '--json'], {
        cwd: dir.path,
        env,
      });
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(onlyJsonLine(stderr)).toEqual({
        name: 'UsageError',
        code: 'CLI_USAGE_INVALID',
        message: "unknown option '--verbose'",
        fix: 'Run stowage runs --help to list its options.',
        details: { commander: 'commander.unknownOption' },
        exitCode: 2,
      });
    });
  });

  describe('when a run fails', () => {
    it('should keep exit code 1 and carry the chain of causes', async () => {
      const { code, stderr } = await stowage(['run', fixture('jobs.js#fails'), '--json'], {
        cwd: dir.path,
        env,
      });
      expect(code).toBe(1);
      const failure = onlyJsonLine(stderr);
      expect(failure).toMatchObject({ code: 'CLI_RUN_FAILED', exitCode: 1 });
      expect(failure.message).toMatch(/^Run \S+ \(fails\) ended with status "error"\.$/);
      expect(failure.fix).toMatch(/^Fix the cause below/);
      expect(failure.cause).toMatchObject({ name: 'Error', message: 'boom in the handler' });
      expect(failure.stack).toBeUndefined();
    });
  });

  describe('when a module throws while it is loaded', () => {
    it('should name the file in details and the thrown error as the cause', async () => {
      const { code, stderr } = await stowage(['run', fixture('broken.js'), '--json'], {
        cwd: dir.path,
        env,
      });
      expect(code).toBe(1);
      const failure = onlyJsonLine(stderr);
      expect(failure.code).toBe('CLI_MODULE_FAILED');
      expect(failure.details).toEqual({ path: fixture('broken.js') });
      expect(failure.cause).toEqual({ name: 'Error', message: 'this module is broken on purpose' });
    });
  });

  describe('when --debug is given too', () => {
    it('should add the stack of each level, still as one JSON line', async () => {
      const { stderr } = await stowage(['run', fixture('broken.js'), '--json', '--debug'], {
        cwd: dir.path,
        env,
      });
      const failure = onlyJsonLine(stderr);
      expect(failure.stack).toMatch(/^CliError: /);
      expect(failure.cause?.stack).toMatch(/broken\.js:3/);
    });
  });

  describe('when --json is not given', () => {
    it('should print the text lines', async () => {
      const { code, stderr } = await stowage(['runs', '--verbose'], { cwd: dir.path, env });
      expect(code).toBe(2);
      expect(stderr).toBe(
        "stowage: unknown option '--verbose'. How to fix: Run stowage runs --help to list its options.\n",
      );
    });
  });

  describe('when --json comes after --', () => {
    it('should not switch errors to JSON (it is an argument, not the flag)', async () => {
      const { stderr } = await stowage(['runs', '--verbose', '--', '--json'], {
        cwd: dir.path,
        env,
      });
      expect(stderr).toMatch(/^stowage: unknown option '--verbose'/);
    });
  });
});
