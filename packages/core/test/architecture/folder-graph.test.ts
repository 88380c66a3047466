import { crossFolderImports, describeCycles, folderCycles } from './helpers/folder-graph';

describe('folderCycles', () => {
  describe('when two folders import each other, one through a type-only import', () => {
    const sources = new Map([
      ['a/one.ts', "import type { B } from '../b/two';\nexport type A = B;"],
      ['b/two.ts', "export { a } from '../a/three';\nexport type B = string;"],
      ['a/three.ts', 'export const a = 1;'],
      ['c/four.ts', "import { a } from '../a/three';\nconst m = require('../b/two');"],
      ['index.ts', "export * from './c/four';"],
    ]);

    it('should report the cycle with its folders and the files that make it', () => {
      const report = describeCycles(folderCycles(crossFolderImports(sources)));
      expect(report).toBe(
        "cycle between a, b:\n  a -> b: a/one.ts ('../b/two')\n  b -> a: b/two.ts ('../a/three')",
      );
    });

    it('should see require() and leave the barrel out', () => {
      const found = crossFolderImports(sources).map((i) => `${i.file}>${i.to}`);
      expect(found).toEqual(['a/one.ts>b', 'b/two.ts>a', 'c/four.ts>a', 'c/four.ts>b']);
    });
  });

  describe('when the folders form a chain', () => {
    it('should report nothing', () => {
      const sources = new Map([
        ['a/one.ts', "import { b } from '../b/two';"],
        ['b/two.ts', "import type { T } from '../types';"],
      ]);
      expect(folderCycles(crossFolderImports(sources))).toEqual([]);
    });
  });
});
