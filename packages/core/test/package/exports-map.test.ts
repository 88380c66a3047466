import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

interface Manifest {
  readonly name: string;
  readonly private?: boolean;
  readonly exports?: Record<string, unknown>;
  readonly sideEffects?: boolean | readonly string[];
}

const manifests = readdirSync(join(root, 'packages')).map((dir) => ({
  dir,
  manifest: JSON.parse(
    readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'),
  ) as Manifest,
}));

/**
 * What Node's own resolver (not jest's) says about `specifier`, asked from the repository root
 * where every workspace package is linked under node_modules: `ok` or the error code.
 */
function resolveWithNode(specifiers: readonly string[]): Record<string, string> {
  const script = `
    const out = {};
    for (const s of JSON.parse(process.argv[1])) {
      try { require.resolve(s); out[s] = 'ok'; } catch (e) { out[s] = e.code; }
    }
    process.stdout.write(JSON.stringify(out));`;
  const text = execFileSync(process.execPath, ['-e', script, JSON.stringify(specifiers)], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(text) as Record<string, string>;
}

describe('package.json exports', () => {
  describe('when a file under dist/ is required by its path', () => {
    const deep = manifests.flatMap(({ manifest }) => [
      `${manifest.name}/dist/index.js`,
      `${manifest.name}/dist/index`,
    ]);
    deep.push('@stowage/core/dist/errors/stowage.error.js', '@stowage/core/src/index.ts');

    it('should be refused by the exports map of every package', () => {
      const results = resolveWithNode(deep);
      expect(results).toEqual(
        Object.fromEntries(deep.map((s) => [s, 'ERR_PACKAGE_PATH_NOT_EXPORTED'])),
      );
    });
  });

  describe('when package.json is required', () => {
    it('should resolve for every package', () => {
      const specifiers = manifests.map(({ manifest }) => `${manifest.name}/package.json`);
      expect(resolveWithNode(specifiers)).toEqual(
        Object.fromEntries(specifiers.map((s) => [s, 'ok'])),
      );
    });
  });

  describe('when the entries of each package are listed', () => {
    it.each(manifests.map(({ dir, manifest }) => [dir, manifest]))(
      'should give packages/%s types, module (the ES module build, for bundlers; not cli), require and default for each entry',
      (dir, manifest) => {
        const entries = Object.entries(manifest.exports ?? {}).filter(
          ([k]) => k !== './package.json',
        );
        expect(entries.length).toBeGreaterThan(0);
        for (const [subpath, target] of entries) {
          const name = subpath === '.' ? 'index' : subpath.slice(2);
          expect(target).toEqual({
            types: `./dist/${name}.d.ts`,
            ...(dir === 'cli' ? {} : { module: `./dist/esm/${name}.js` }),
            require: `./dist/${name}.js`,
            default: `./dist/${name}.js`,
          });
          expect(Object.keys(target as object)[0]).toBe('types');
        }
      },
    );

    it('should offer ./internal only in core', () => {
      const withInternal = manifests
        .filter(({ manifest }) => './internal' in (manifest.exports ?? {}))
        .map(({ dir }) => dir);
      expect(withInternal).toEqual(['core']);
    });
  });

  describe('when sideEffects lists the files with import-time effects', () => {
    const core = manifests.find(({ dir }) => dir === 'core')?.manifest;

    it('should list every core source that imports reflect-metadata (it patches the global Reflect)', () => {
      const src = join(root, 'packages', 'core', 'src');
      const files = (readdirSync(src, { recursive: true }) as string[])
        .filter((f) => f.endsWith('.ts'))
        .filter((f) => /^import 'reflect-metadata';$/m.test(readFileSync(join(src, f), 'utf8')))
        .map(
          (f) =>
            `./${relative(join(root, 'packages', 'core'), join(root, 'packages', 'core', 'dist', f.replace(/\.ts$/, '.js')))}`,
        );
      expect(files.length).toBeGreaterThan(0);
      // The ES module build bundles core into chunks: the one that imports reflect-metadata is
      // among them (scripts/build-esm.js).
      expect(core?.sideEffects).toEqual([...files, './dist/esm/chunks/*.js']);
    });
  });
});
