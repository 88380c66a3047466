import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '@stowage/core';
import { assertBuilt, fixture, stowage, tempDir } from '../helpers/cli-process';
import { assertExampleBuilt, EXAMPLE_DIST } from '../helpers/example-build';

// Each test starts one to three `stowage` processes; on a loaded 2-core machine that can pass 5 s.
jest.setTimeout(60_000);

describe('stowage run', () => {
  const dir = tempDir();
  let env: Record<string, string>;
  const jobs = fixture('jobs.js');

  beforeAll(() => {
    assertBuilt();
    assertExampleBuilt();
    env = { STOWAGE_STORE: join(dir.path, 'store') };
  });
  afterAll(() => dir.remove());

  const runJson = async (
    args: string[],
  ): Promise<{ code: number; record: RunRecord; stderr: string }> => {
    const { code, stdout, stderr } = await stowage(['run', ...args, '--json'], {
      cwd: dir.path,
      env,
    });
    return { code, record: JSON.parse(stdout) as RunRecord, stderr };
  };

  describe('when the handler completes', () => {
    it('should print the run record with params read as JSON and itemized results', async () => {
      const { code, record, stderr } = await runJson([
        `${jobs}#double`,
        '--param',
        'x=21',
        '--label',
        'team=a',
        '--name',
        'doubling',
      ]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(record).toMatchObject({
        name: 'doubling',
        status: 'completed',
        labels: { team: 'a' },
        params: { x: 21 },
      });
      expect(record.results).toMatchObject({ answer_doubled: 42, answer_input: 21 });
    });

    it('should print a table on stdout without --json', async () => {
      const { code, stdout } = await stowage(['run', `${jobs}#double`, '-p', 'x=2'], {
        cwd: dir.path,
        env,
      });
      expect(code).toBe(0);
      expect(stdout).toMatch(/^status:\s+completed$/m);
      expect(stdout).toMatch(/^answer_doubled\s+4$/m);
    });
  });

  describe('when an input is a local path', () => {
    it('should hand the handler a data item for the file and record its absolute path', async () => {
      writeFileSync(join(dir.path, 'words.txt'), 'one two three four\n');
      const { code, record } = await runJson([`${jobs}#wordCount`, '--input', 'text=words.txt']);
      expect(code).toBe(0);
      expect(record.results).toEqual({ words: 4 });
      expect(record.inputs).toEqual({ text: join(dir.path, 'words.txt') });
    });
  });

  describe('when --returns overrides the outputs and the next run reads the artifact by URI', () => {
    it('should log the artifact and pass it on', async () => {
      const first = await runJson([
        `${jobs}#echo`,
        '-p',
        'value="three short words"',
        '--returns',
        'note : file',
      ]);
      expect(first.code).toBe(0);
      expect(first.record.name).toBe('echo');
      const [note] = first.record.artifacts;
      expect(note).toMatchObject({ key: 'note', uri: expect.stringMatching(/^store:\/\/note@/) });
      const second = await runJson([`${jobs}#wordCount`, '--input', 'text=store://note']);
      expect(second.record).toMatchObject({
        status: 'completed',
        results: { words: 3 },
        inputs: { text: 'store://note' },
      });
    });
  });

  describe('when the handler throws', () => {
    it('should still print the record, then the error and its cause as JSON, and exit 1', async () => {
      const { code, stdout, stderr } = await stowage(['run', `${jobs}#fails`, '--json'], {
        cwd: dir.path,
        env,
      });
      expect(code).toBe(1);
      const record = JSON.parse(stdout) as RunRecord;
      expect(record.status).toBe('error');
      expect(record.error?.message).toBe('boom in the handler');
      expect(
        stderr
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as unknown),
      ).toEqual([
        {
          name: 'CliError',
          code: 'CLI_RUN_FAILED',
          message: `Run ${record.id} (fails) ended with status "error".`,
          fix: `Fix the cause below, then run again (the whole record: stowage runs show ${record.id}).`,
          details: { run: record.id },
          cause: { name: 'Error', message: 'boom in the handler' },
          exitCode: 1,
        },
      ]);
    });
  });

  describe('when the handler is a @Handler method named as Class.method', () => {
    const steps = (name: string): string => join(EXAMPLE_DIST, 'steps', `${name}.step.js`);
    const packager = join(EXAMPLE_DIST, 'model', 'logistic-model.packager.js');

    it('should run it on a new instance, with packagers from --require', async () => {
      const prepared = await runJson([
        `${steps('prepare')}#PrepareStep.prepare`,
        '-p',
        'rows=400',
        '-p',
        'seed=3',
      ]);
      expect(prepared.code).toBe(0);
      const trained = await runJson([
        `${steps('train')}#TrainStep.train`,
        '-i',
        'dataset=store://dataset',
        '-p',
        'epochs=50',
        '-r',
        packager,
      ]);
      expect(trained.code).toBe(0);
      expect(trained.record.artifacts.map((a) => [a.key, a.kind])).toEqual([['model', 'model']]);
      expect(trained.record.results['metrics_rows']).toBe(320);
      const shown = await stowage(['artifacts', 'show', 'model'], { cwd: dir.path, env });
      expect(shown.stdout).toMatch(/^packager:\s+example\.LogisticModelPackager$/m);
      expect(shown.stdout).toMatch(/^instructions:\s+\{"weights":"weights\.npy"\}$/m);
      expect(shown.stdout).toMatch(/^weights\.npy\s+144 B\s+[0-9a-f]{64}$/m);
    });

    it('should fail on the output with the packing error when the packager is not imported', async () => {
      const { code, stderr } = await stowage(
        [
          'run',
          `${steps('train')}#TrainStep.train`,
          '-i',
          'dataset=store://dataset',
          '-p',
          'epochs=5',
        ],
        { cwd: dir.path, env },
      );
      expect(code).toBe(1);
      const [first, cause, ...rest] = stderr.trimEnd().split('\n');
      expect(first).toMatch(
        /^stowage: Run \S+ \(train\) ended with status "error": output "model" was not logged\. How to fix: Fix the cause below, then run again \(the whole record: stowage runs show \S+\)\.$/,
      );
      expect(cause).toMatch(
        /^ {2}caused by PackingError \[PACKING_NO_PACKAGER\]: No packager packs the output "model" \(a LogisticModel\) as "model"\. How to fix: /,
      );
      expect(rest).toEqual([]);
    });

    it('should refuse a param the handler does not declare', async () => {
      const { code, stderr } = await stowage(
        ['run', `${steps('train')}#TrainStep.train`, '-p', 'epoch=5'],
        { cwd: dir.path, env },
      );
      expect(code).toBe(1);
      expect(stderr).toMatch(/^stowage: .*"epoch".*How to fix: .*epochs, learningRate/);
    });
  });
});
