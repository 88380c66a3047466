import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { installedVersions, renderVersions } from '../src/installed-versions';
import { assertBuilt, stowage, tempDir } from './helpers/cli-process';

const PACKAGES = ['cli', 'bullmq', 'core', 's3', 'tables', 'testing', 'ui'];

/** The version in packages/<name>/package.json of this repository. */
function repoVersion(name: string): string {
  const manifest = resolve(__dirname, '../..', name, 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

describe('installedVersions', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  describe('when only some Stowage packages are installed', () => {
    it('should list the CLI and the ones found, read from disk, and leave the rest out', () => {
      const modules = join(dir.path, 'node_modules');
      mkdirSync(join(modules, '@stowage', 'core'), { recursive: true });
      // An exports map without ./package.json: require('@stowage/core/package.json') would fail.
      writeFileSync(
        join(modules, '@stowage', 'core', 'package.json'),
        JSON.stringify({ name: '@stowage/core', version: '9.9.9', exports: { '.': './x.js' } }),
      );
      const found = installedVersions([join(dir.path, 'missing'), modules]);
      expect(found.map((p) => [p.name, p.version])).toEqual([
        ['@stowage/cli', repoVersion('cli')],
        ['@stowage/core', '9.9.9'],
      ]);
      expect(renderVersions(found)).toBe(
        `@stowage/cli   ${repoVersion('cli')}\n@stowage/core  9.9.9\n`,
      );
    });
  });
});

describe('stowage --version', () => {
  const dir = tempDir();

  beforeAll(() => {
    assertBuilt();
  });
  afterAll(() => dir.remove());

  describe('when run in this repository', () => {
    it('should print every Stowage package with its version, one per line', async () => {
      const { code, stdout, stderr } = await stowage(['--version'], { cwd: dir.path });
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout.trimEnd().split('\n')).toEqual(
        PACKAGES.map((name) => `${`@stowage/${name}`.padEnd(16)}  ${repoVersion(name)}`),
      );
    });
  });

  describe('when --json is given too', () => {
    it('should print one JSON object of package names and versions', async () => {
      const { code, stdout } = await stowage(['--version', '--json'], { cwd: dir.path });
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual(
        Object.fromEntries(PACKAGES.map((name) => [`@stowage/${name}`, repoVersion(name)])),
      );
    });
  });
});
