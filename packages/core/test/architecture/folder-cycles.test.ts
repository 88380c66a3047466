import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  crossFolderImports,
  describeCycles,
  folderCycles,
  type FolderImport,
  readSources,
  ROOT_FILES,
} from './helpers/folder-graph';
import { LAYERS, LIFECYCLE_ALLOWED_IMPORTS } from './helpers/layers';

const SRC = join(__dirname, '..', '..', 'src');
const DOC = join(__dirname, '..', '..', '..', '..', 'docs', 'architecture.md');

const layerOf = (folder: string): number => LAYERS.findIndex((l) => l.includes(folder));
const allowed = (i: FolderImport): boolean =>
  LIFECYCLE_ALLOWED_IMPORTS.some((a) => a.file === i.file && a.to === i.to);
const show = (list: readonly FolderImport[]): string =>
  list.map((i) => `${i.from} -> ${i.to}: ${i.file} ('${i.specifier}')`).join('\n');

/** The layer lines of the doc's "Layers" block: `<n>  folder, folder  what they hold`. */
function documentedLayers(doc: string): string[][] {
  const block = /<!-- layers:start -->\s*```text\n([\s\S]*?)```\s*<!-- layers:end -->/.exec(doc);
  const rows = (block?.[1] ?? '').split('\n').filter((l) => l.trim() !== '');
  const layers: string[][] = [];
  for (const row of rows) {
    const m = /^(\d+)\s+(.+?)(?:\s{2,}.*)?$/.exec(row);
    if (m?.[1] !== undefined && m[2] !== undefined)
      layers[Number(m[1])] = m[2].split(',').map((f) => f.trim());
  }
  return layers;
}

describe('packages/core/src folders', () => {
  const imports = crossFolderImports(readSources(SRC));

  describe('when the imports between folders are followed', () => {
    it('should find no folder-level cycle', () => {
      const cycles = folderCycles(imports.filter((i) => !allowed(i)));
      expect(describeCycles(cycles)).toBe('');
    });

    it('should only import from a lower layer', () => {
      const upward = imports.filter((i) => !allowed(i) && layerOf(i.to) >= layerOf(i.from));
      expect(show(upward)).toBe('');
    });

    it('should still need every entry of the lifecycle allow-list (remove the stale ones)', () => {
      const stale = LIFECYCLE_ALLOWED_IMPORTS.filter(
        (a) => !imports.some((i) => i.file === a.file && i.to === a.to),
      );
      expect(stale).toEqual([]);
    });
  });

  describe('when compared with LAYERS', () => {
    it('should place every folder of src in exactly one layer', () => {
      const folders = readdirSync(SRC, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .concat(ROOT_FILES)
        .sort();
      expect([...LAYERS.flat()].sort()).toEqual(folders);
    });
  });

  describe('when compared with docs/architecture.md', () => {
    it('should list the same layers in the "Layers" block', () => {
      expect(documentedLayers(readFileSync(DOC, 'utf8'))).toEqual(LAYERS.map((l) => [...l]));
    });
  });
});
