import { join } from 'node:path';
import { assertBuilt, fixture, stowage, tempDir } from '../helpers/cli-process';

describe('stowage explain', () => {
  const dir = tempDir();
  let env: Record<string, string>;

  beforeAll(async () => {
    assertBuilt();
    env = { STOWAGE_STORE: join(dir.path, 'store') };
    const logged = await stowage(
      ['run', `${fixture('jobs.js')}#echo`, '-p', 'value=[1,2,3]', '--returns', 'numbers : file'],
      { cwd: dir.path, env },
    );
    expect(logged.code).toBe(0);
  });
  afterAll(() => dir.remove());

  describe('when given a module export and a hint', () => {
    it('should say which packager packs the value and why', async () => {
      const { code, stdout } = await stowage(
        [
          'explain',
          `${fixture('samples.js')}#table`,
          '--hint',
          'table : file[format=csv]',
          '--json',
        ],
        { cwd: dir.path },
      );
      expect(code).toBe(0);
      const explanation = JSON.parse(stdout) as {
        key: string;
        valueType: string;
        chosen: { packager: string; artifactType: string };
      };
      expect(explanation).toMatchObject({
        key: 'table',
        valueType: 'Array',
        chosen: { packager: 'stowage.array', artifactType: 'file' },
      });
    });

    it('should use the export name as the key when no hint is given', async () => {
      const { stdout } = await stowage(['explain', `${fixture('samples.js')}#count`], {
        cwd: dir.path,
      });
      expect(stdout).toMatch(
        /^Packing "count" \(a Number\) as its default artifact type:\n {2}-> stowage\.number packs it as "result"/,
      );
    });
  });

  describe('when given an artifact URI', () => {
    it('should report the recorded packager and what it unpacks to', async () => {
      const { code, stdout } = await stowage(['explain', 'numbers'], { cwd: dir.path, env });
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Unpacking store:\/\/numbers@\S+:$/m);
      expect(stdout).toMatch(/recorded packager:\s+stowage\.array \(registered here\)/);
      expect(stdout).toMatch(/result:\s+unpacks to a Array/);
    });

    it('should explain packing the unpacked value again under --hint', async () => {
      const { stdout } = await stowage(
        ['explain', 'store://numbers', '--hint', 'numbers : result', '--json'],
        { cwd: dir.path, env },
      );
      const out = JSON.parse(stdout) as {
        unpacking: { packager: string };
        packing: { chosen: { artifactType: string } };
      };
      expect(out.unpacking.packager).toBe('stowage.array');
      expect(out.packing.chosen.artifactType).toBe('result');
    });
  });

  describe('when the hint is malformed', () => {
    it('should print the log-hint error on one line', async () => {
      const { code, stderr } = await stowage(
        ['explain', `${fixture('samples.js')}#table`, '--hint', 'table : [x'],
        { cwd: dir.path },
      );
      expect(code).not.toBe(0);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^stowage: .*How to fix: /);
    });
  });
});
