import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveManifest } from '../../../../scripts/consumer-check';
import type { PackResult } from '../../../../scripts/pack-tarballs';
import { npmPack, publicPackages, tarballProblems } from '../../../../scripts/pack-tarballs';

const root = join(__dirname, '..', '..', '..', '..');

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly repository?: { readonly url?: string; readonly directory?: string };
  readonly homepage?: string;
  readonly keywords?: readonly string[];
  readonly exports?: Record<string, unknown>;
  readonly dependencies?: Record<string, string>;
}

const packages = publicPackages();

/** Writes `files` (path → text) under `dir`. */
function writeTree(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Every file core's package.json points at (exports, main, types), as the build makes them. */
function builtCore(withSources: boolean): Record<string, string> {
  const map = JSON.stringify({
    version: 3,
    sources: ['../src/index.ts'],
    ...(withSources ? { sourcesContent: ['export const a = 1;\n'] } : {}),
    mappings: 'AAAA',
  });
  const files: Record<string, string> = {
    'README.md': '# @stowage/core\n',
    LICENSE: readFileSync(join(root, 'LICENSE'), 'utf8'),
    'dist/index.js': 'exports.a = 1;\n//# sourceMappingURL=index.js.map\n',
    'dist/index.js.map': map,
    'dist/index.d.ts': 'export declare const a = 1;\n',
    'dist/index.d.ts.map': map,
    'dist/internal.js': '',
    'dist/internal.d.ts': '',
    'dist/.tsbuildinfo': '{}',
    'dist/esm/package.json': '{"type":"module"}\n',
    'dist/esm/index.js': 'export const a = 1;\n',
    'dist/esm/internal.js': '',
  };
  return files;
}

describe('npm pack of the public packages', () => {
  describe('when the repository is packed (npm pack --dry-run)', () => {
    let packed: PackResult[];
    beforeAll(() => {
      packed = npmPack({ dryRun: true });
    }, 60_000);

    it('should pack every public package', () => {
      expect(packed.map((p) => p.name).sort()).toEqual(packages.map((p) => p.name).sort());
    });

    it('should ship package.json, README.md and LICENSE in each', () => {
      for (const p of packed) {
        const paths = p.files.map((f) => f.path);
        expect({
          name: p.name,
          has: ['package.json', 'README.md', 'LICENSE'].map((f) => paths.includes(f)),
        }).toEqual({ name: p.name, has: [true, true, true] });
      }
    });

    it('should ship no build cache, declaration map, source or test file', () => {
      const shipped = packed.flatMap((p) =>
        p.files
          .map((f) => `${p.name}/${f.path}`)
          .filter((f) => /\.tsbuildinfo$|\.d\.ts\.map$|\/(src|test)\//.test(f)),
      );
      expect(shipped).toEqual([]);
    });
  });

  describe('when the package.json fields a registry shows are read', () => {
    it.each(packages.map((p) => [p.dir, p.manifest as unknown as Manifest]))(
      'should give %s a repository with its folder, a homepage and keywords',
      (dir, manifest) => {
        expect(manifest.repository?.directory).toBe(dir);
        expect(manifest.repository?.url).toMatch(/^git\+https:\/\//);
        expect(manifest.homepage).toMatch(/^https:\/\//);
        expect(manifest.keywords?.length).toBeGreaterThan(0);
      },
    );

    it.each(packages.map((p) => [p.dir]))('should give %s a copy of the root LICENSE', (dir) => {
      expect(readFileSync(join(root, dir, 'LICENSE'), 'utf8')).toBe(
        readFileSync(join(root, 'LICENSE'), 'utf8'),
      );
    });
  });

  describe('when runtime dependencies are declared', () => {
    it.each(packages.map((p) => [p.dir, p.manifest as unknown as Manifest]))(
      'should give %s version ranges for libraries and the exact version of sibling packages',
      (_dir, manifest) => {
        for (const [name, spec] of Object.entries(manifest.dependencies ?? {})) {
          if (name.startsWith('@stowage/'))
            expect({ name, spec }).toEqual({ name, spec: manifest.version });
          else
            expect({ name, spec }).toEqual({
              name,
              spec: expect.stringMatching(/^[\^~]\d/) as unknown,
            });
        }
      },
    );
  });

  describe('when a built package is checked (tarballProblems)', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'stowage-pack-'));
      cpSync(join(root, 'packages', 'core', 'package.json'), join(dir, 'package.json'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('should leave out the build cache and declaration maps, and find nothing wrong', () => {
      writeTree(dir, builtCore(true));
      const [result] = npmPack({ dryRun: true, cwd: dir });
      const paths = (result?.files ?? []).map((f) => f.path);
      expect(paths).toContain('dist/index.js.map');
      expect(paths).toContain('dist/esm/index.js');
      expect(paths.filter((p) => /tsbuildinfo|\.d\.ts\.map$/.test(p))).toEqual([]);
      expect(tarballProblems(dir, paths)).toEqual([]);
    }, 30_000);

    it('should name a source map that does not carry its sources', () => {
      writeTree(dir, builtCore(false));
      const problems = tarballProblems(dir, [
        'package.json',
        'README.md',
        'LICENSE',
        'dist/index.js.map',
      ]);
      expect(problems).toContainEqual(
        expect.stringContaining('dist/index.js.map names sources without carrying their text'),
      );
    });

    it('should name a missing README, LICENSE and a file the exports map points at', () => {
      writeTree(dir, builtCore(true));
      const problems = tarballProblems(dir, ['package.json', 'dist/index.js']);
      expect(problems).toEqual(
        expect.arrayContaining([
          '@stowage/core: README.md is not in the tarball.',
          '@stowage/core: LICENSE is not in the tarball.',
          '@stowage/core: dist/esm/index.js (from package.json) is not in the tarball.',
        ]),
      );
    });

    it('should name a shipped build cache and declaration map', () => {
      writeTree(dir, builtCore(true));
      const problems = tarballProblems(dir, ['dist/.tsbuildinfo', 'dist/index.d.ts.map']);
      expect(problems).toEqual(
        expect.arrayContaining([
          '@stowage/core: ships the build cache dist/.tsbuildinfo.',
          expect.stringContaining('ships dist/index.d.ts.map'),
        ]),
      );
    });
  });
});

describe('resolveManifest (consumer projects)', () => {
  describe('when a scenario asks for a package that depends on a sibling', () => {
    it('should point both at their tarballs, so npm never asks the registry for them', () => {
      const files = new Map(
        packages.map((p) => [p.name, { file: `/t/${p.dir}.tgz`, manifest: p.manifest }]),
      );
      const resolved = resolveManifest(
        { name: 'x', dependencies: { '@stowage/s3': 'tarball', esbuild: '1.0.0' } },
        files,
      );
      expect(resolved.dependencies).toEqual({
        '@stowage/s3': 'file:/t/packages/s3.tgz',
        '@stowage/core': 'file:/t/packages/core.tgz',
        esbuild: '1.0.0',
      });
    });
  });
});
