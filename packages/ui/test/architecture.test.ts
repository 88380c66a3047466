import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', 'src');

/** The folders of packages/ui/src, lowest first: a folder imports only from lower ones. */
const LAYERS: readonly (readonly string[])[] = [
  ['html', 'assets'],
  ['data'],
  ['previews'],
  ['pages'],
  ['server'],
  ['.'],
];

/** What the UI may import from outside itself: Node's modules and core's two entries. */
const ALLOWED_PACKAGES = [/^node:/, /^@stowage\/core$/, /^@stowage\/core\/internal$/];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

const folderOf = (file: string): string => {
  const rel = relative(SRC, file).split('/');
  return rel.length > 1 ? (rel[0] ?? '.') : '.';
};
const layerOf = (folder: string): number => LAYERS.findIndex((l) => l.includes(folder));

describe('packages/ui/src', () => {
  const files = sources(SRC);

  describe('when its imports are read', () => {
    it('should import only Node modules and @stowage/core (no other runtime dependency)', () => {
      const foreign = files.flatMap((f) =>
        importsOf(f)
          .filter((s) => !s.startsWith('.') && !ALLOWED_PACKAGES.some((p) => p.test(s)))
          .map((s) => `${relative(SRC, f)}: ${s}`),
      );
      expect(foreign).toEqual([]);
    });

    it('should place every folder in a layer and import only from lower layers', () => {
      const upward: string[] = [];
      for (const file of files) {
        const from = folderOf(file);
        expect(layerOf(from)).toBeGreaterThanOrEqual(0);
        for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
          const to = folderOf(join(file, '..', spec));
          if (to !== from && layerOf(to) >= layerOf(from))
            upward.push(`${relative(SRC, file)} -> ${spec}`);
        }
      }
      expect(upward).toEqual([]);
    });
  });
});
