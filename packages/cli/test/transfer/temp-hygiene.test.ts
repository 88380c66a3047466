import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertBuilt, fixture, stowage, tempDir, type CliResult } from '../helpers/cli-process';
import { seedStore } from '../helpers/seed-store';

describe('stowage (temporary files)', () => {
  const dir = tempDir();
  let tmp: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    assertBuilt();
    await seedStore(join(dir.path, 'store'));
    tmp = join(dir.path, 'tmp');
    mkdirSync(tmp);
    env = { STOWAGE_STORE: join(dir.path, 'store'), TMPDIR: tmp, TMP: tmp, TEMP: tmp };
  });
  afterAll(() => dir.remove());

  describe('when a batch of commands runs, failing ones included', () => {
    it('should leave the temporary directory empty', async () => {
      const cwd = join(dir.path, 'work');
      mkdirSync(cwd);
      writeFileSync(join(cwd, 'words.txt'), 'one two three');
      const jobs = fixture('jobs.js');
      const calls: (readonly string[])[] = [
        ['run', `${jobs}#echo`, '-p', 'value="hi"', '--returns', 'greeting : file'],
        ['run', `${jobs}#echo`, '-p', 'value=[1,2]', '--returns', 'pair : object'],
        ['run', `${jobs}#wordCount`, '--input', 'text=words.txt'],
        ['run', `${jobs}#wordCount`, '--input', 'text=store://greeting'],
        ['run', `${jobs}#wordCount`, '--input', 'text=store://missing'],
        ['run', `${jobs}#fails`],
        ['run', `${jobs}#nope`],
        ['run', fixture('broken.js')],
        ['run', `${jobs}#echo`, '-p', 'value=1', '--returns', 'x : file[bad=1]'],
        ['get', 'points'],
        ['get', 'model', 'model-copy'],
        ['get', 'store://model#nope.bin'],
        ['get', 'points', 'taken.csv'],
        ['artifacts', 'show', 'model'],
        ['artifacts', 'show', 'store://missing:v9'],
        ['runs', 'show', 'nope'],
        ['explain', 'numbers'],
        ['no-such-command'],
        ['get'],
      ];
      const results: CliResult[] = [];
      const left: string[] = [];
      for (const args of calls) {
        results.push(await stowage(args, { cwd, env }));
        left.push(...readdirSync(tmp).map((name) => `${args.join(' ')} → ${name}`));
      }
      const codes = results.map((r) => r.code);
      expect(codes.filter((c) => c === 0).length).toBeGreaterThanOrEqual(7);
      expect(codes.filter((c) => c !== 0).length).toBeGreaterThanOrEqual(9);
      expect(left).toEqual([]);
    }, 180_000);
  });
});

describe('tempDir (a CLI test helper)', () => {
  const outer = tempDir('stowage-cli-helper-');
  afterAll(() => outer.remove());

  describe('when a describe body makes one but no hook or test uses it', () => {
    it('should create nothing, so a skipped block leaves nothing behind', () => {
      const parent = join(outer.path, 'unused');
      mkdirSync(parent);
      const dir = tempDir('stowage-cli-', parent);
      dir.remove();
      expect(readdirSync(parent)).toEqual([]);
    });
  });

  describe('when its path is used', () => {
    it('should create the folder once and remove it', () => {
      const parent = join(outer.path, 'used');
      mkdirSync(parent);
      const dir = tempDir('stowage-cli-', parent);
      expect(dir.path).toBe(dir.path);
      expect(readdirSync(parent)).toHaveLength(1);
      dir.remove();
      expect(readdirSync(parent)).toEqual([]);
    });
  });
});
