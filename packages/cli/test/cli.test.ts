import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { assertBuilt, fixture, stowage, tempDir } from './helpers/cli-process';

/**
 * Every bad command line gets ONE line on stderr (what is wrong, how to fix it) and no stack.
 * Usage errors exit 2; a module, export or method that does not exist or is not a handler is a
 * core error (NOT_FOUND / HANDLER_INVALID) and exits 1 (docs/cli.md, exit codes).
 */
describe('stowage (bad command lines)', () => {
  const dir = tempDir();

  beforeAll(() => {
    assertBuilt();
  });
  afterAll(() => dir.remove());

  const cases: [string, string[], number, RegExp, RegExp[]?][] = [
    [
      'an unknown command',
      ['deploy'],
      2,
      /^stowage: unknown command 'deploy'\. How to fix: Run stowage --help to list the commands\.$/,
    ],
    [
      'an unknown flag',
      ['runs', '--verbose'],
      2,
      /^stowage: unknown option '--verbose'\. How to fix: Run stowage runs --help to list its options\.$/,
    ],
    [
      'a missing argument',
      ['get'],
      2,
      /^stowage: missing required argument 'uri'\. How to fix: Run stowage get --help/,
    ],
    [
      'a flag without its value',
      ['run', fixture('jobs.js#double'), '--param'],
      2,
      /^stowage: option '-p, --param <key=value>' argument missing\./,
    ],
    [
      'a --param without =',
      ['run', fixture('jobs.js#double'), '--param', 'x'],
      2,
      /^stowage: --param "x" is not of the form key=value\. How to fix: Write --param alpha=0\.5/,
    ],
    [
      'a --param given twice',
      ['run', fixture('jobs.js#double'), '-p', 'x=1', '-p', 'x=2'],
      2,
      /^stowage: --param "x" is given twice\./,
    ],
    [
      'an --input path that does not exist',
      ['run', fixture('jobs.js#wordCount'), '--input', 'text=nope.txt'],
      2,
      /^stowage: --input text: there is no file at .*nope\.txt\. How to fix: .*store:\/\/text/,
    ],
    [
      'a malformed --returns hint',
      ['run', fixture('jobs.js#echo'), '--returns', 'out : file[format=csv'],
      2,
      /^stowage: --returns "out : file\[format=csv" is not a valid log hint \(the cause below says where it goes wrong\)\. How to fix: /,
      [
        /^ {2}caused by LogHintError \[LOG_HINT_UNCLOSED_BRACKET\]: .*column 11.* How to fix: Close it/,
      ],
    ],
    [
      'a missing module',
      ['run', 'jobs/missing.js'],
      1,
      /^stowage: No module file at .*jobs\/missing\.js\. How to fix: Check the path/,
    ],
    [
      'a TypeScript module',
      ['run', 'src/jobs.ts#train'],
      2,
      /^stowage: src\/jobs\.ts is TypeScript, and stowage loads JavaScript modules\. How to fix: Build it first/,
    ],
    [
      'a missing export',
      ['run', fixture('jobs.js#tripple')],
      1,
      /^stowage: .*jobs\.js has no export "tripple"\. How to fix: Use one of its exports: double, wordCount, echo, fails, answer, Widget\.$/,
    ],
    [
      'an export that is not a handler',
      ['run', fixture('jobs.js#answer')],
      1,
      /^stowage: The export "answer" of .*jobs\.js is a number, not a handler\./,
    ],
    [
      'a class without a method',
      ['run', fixture('jobs.js#Widget')],
      1,
      /^stowage: The export "Widget" of .*is a class, not a handler\. How to fix: Name the @Handler method too: .*#Widget\.methodName\.$/,
    ],
    [
      'a module with several functions and no #export',
      ['run', fixture('two-functions.js')],
      1,
      /^stowage: .*exports several functions \(first, second\), so stowage cannot pick one\. How to fix: Name one after '#': .*two-functions\.js#first\.$/,
    ],
    [
      'a module that throws on import',
      ['run', fixture('broken.js')],
      1,
      /^stowage: Loading .*broken\.js failed: the module threw while being imported\. How to fix: Fix the error in the module/,
      [/^ {2}caused by Error: this module is broken on purpose\.$/],
    ],
    [
      'a store with an unknown scheme',
      ['runs', '--store', 'ftp://host/x'],
      2,
      /^stowage: --store "ftp:\/\/host\/x" uses the scheme "ftp:\/\/", which the CLI cannot open\./,
    ],
  ];

  describe.each(cases)('when given %s', (_what, args, exitCode, line, causes = []) => {
    it(`should print one line, then one line per cause, and exit ${exitCode}`, async () => {
      const { code, stdout, stderr } = await stowage(args, { cwd: dir.path });
      expect({ code, stdout }).toEqual({ code: exitCode, stdout: '' });
      expect(stderr.endsWith('\n')).toBe(true);
      const [first, ...rest] = stderr.trimEnd().split('\n');
      expect(first).toMatch(line);
      expect(rest).toHaveLength(causes.length);
      rest.forEach((text, i) => expect(text).toMatch(causes[i] as RegExp));
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  });

  describe('when --debug is given', () => {
    it('should add the chain of causes and the stack trace after the line', async () => {
      const { code, stderr } = await stowage(['run', fixture('broken.js'), '--debug'], {
        cwd: dir.path,
      });
      expect(code).toBe(1);
      const lines = stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^stowage: Loading .*broken\.js failed/);
      expect(stderr).toContain('caused by Error: this module is broken on purpose');
      expect(stderr).toMatch(/stack of Error \(cause 1\):\n\s+at .*broken\.js:3/);
    });
  });

  describe('when started through the bin shim npm links as `stowage`', () => {
    it('should run the built CLI', () => {
      const shim = resolve(__dirname, '../bin/stowage.js');
      const out = execFileSync(process.execPath, [shim, '--version'], { encoding: 'utf8' });
      expect(out.split('\n')[0]).toMatch(/^@stowage\/cli +0\.1\.0$/);
    });
  });

  describe('when asked for help or the version', () => {
    it('should print them on stdout and exit 0', async () => {
      const help = await stowage(['run', '--help'], { cwd: dir.path });
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Usage: stowage run [options] <module>');
      expect(help.stdout).toContain('--returns <hint>');
      const version = await stowage(['--version'], { cwd: dir.path });
      expect(version).toMatchObject({ code: 0, stderr: '' });
      expect(version.stdout).toMatch(/^@stowage\/cli +0\.1\.0\n/);
    }, 30_000);
  });
});
