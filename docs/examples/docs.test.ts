// Keeps the docs honest: every ```ts block is a runnable example (or an explicit fragment), every
// example is run by a test, links resolve, the index lists every topic, and every public export of
// every package has a TSDoc summary for the API reference.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findUndocumentedExports } from '../../scripts/check-tsdoc';
import {
  checkDocs,
  checkExamplesRun,
  checkIndex,
  checkLinks,
  readSnippet,
} from '../../scripts/doc-snippets';

const FENCE = '```';

describe('docs', () => {
  describe('when checking the real docs', () => {
    it('should find every ts block included from docs/examples or marked as a fragment', () => {
      expect(checkDocs().problems).toEqual([]);
    });

    it('should find every example imported by a test, so every example runs', () => {
      expect(checkExamplesRun()).toEqual([]);
    });

    it('should find no broken relative link', () => {
      expect(checkLinks()).toEqual([]);
    });

    it('should find every topic linked from the docs index', () => {
      expect(checkIndex()).toEqual([]);
    });
  });

  describe('when a doc drifts from its example (fixture docs folder)', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'docs-check-'));
      mkdirSync(join(dir, 'examples', 'topic'), { recursive: true });
      writeFileSync(
        join(dir, 'examples', 'topic', 'sample.ts'),
        'export const a = 1;\n// #region shown\n  export const b = 2;\n// #endregion\n',
      );
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const writeDoc = (body: string): void => writeFileSync(join(dir, 'topic.md'), body);

    it('should report a ts block that is neither an include nor a fragment', () => {
      writeDoc(`# T\n\n${FENCE}ts\nconst x = 1;\n${FENCE}\n`);
      const { problems } = checkDocs({ docsDir: dir });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/neither an include nor a fragment/);
    });

    it('should accept a block marked as a fragment', () => {
      writeDoc(`# T\n\n${FENCE}ts fragment\nconst x = 1;\n${FENCE}\n`);
      expect(checkDocs({ docsDir: dir }).problems).toEqual([]);
    });

    it('should report an included block whose text differs from its region, then fix it with write', () => {
      writeDoc(
        `# T\n\n<!-- include: examples/topic/sample.ts#shown -->\n${FENCE}ts\nold\n${FENCE}\n`,
      );
      expect(checkDocs({ docsDir: dir }).problems[0]).toMatch(
        /differs from examples\/topic\/sample.ts#shown/,
      );

      checkDocs({ docsDir: dir, write: true });

      expect(readFileSync(join(dir, 'topic.md'), 'utf8')).toContain(
        `${FENCE}ts\nexport const b = 2;\n${FENCE}`,
      );
      expect(checkDocs({ docsDir: dir }).problems).toEqual([]);
    });

    it('should report an include of a file that does not exist', () => {
      writeDoc(`<!-- include: examples/topic/missing.ts -->\n${FENCE}ts\n${FENCE}\n`);
      expect(checkDocs({ docsDir: dir }).problems[0]).toMatch(
        /does not exist under docs\/examples/,
      );
    });

    it('should report an example no test imports, and accept it once a test does', () => {
      expect(checkExamplesRun({ docsDir: dir })).toEqual([
        expect.stringMatching(/sample\.ts is not imported by any test/),
      ]);
      writeFileSync(
        join(dir, 'examples', 'topic', 'sample.test.ts'),
        "import { a } from './sample';\n",
      );
      expect(checkExamplesRun({ docsDir: dir })).toEqual([]);
    });

    it('should report a topic missing from the index and a broken link', () => {
      writeDoc('# T\n\nSee [other](other.md).\n');
      writeFileSync(join(dir, 'README.md'), '# Index\n');
      expect(checkIndex({ docsDir: dir })).toEqual([
        expect.stringMatching(/does not link topic\.md/),
      ]);
      expect(checkLinks({ docsDir: dir })).toEqual([
        expect.stringMatching(/broken link to other\.md/),
      ]);
    });

    it('should strip region markers and common indentation from a region', () => {
      expect(readSnippet(join(dir, 'examples', 'topic', 'sample.ts'), 'shown')).toBe(
        'export const b = 2;',
      );
      expect(readSnippet(join(dir, 'examples', 'topic', 'sample.ts'))).toBe(
        'export const a = 1;\n  export const b = 2;',
      );
    });
  });
});

describe('API reference', () => {
  describe('when checking every package barrel', () => {
    it('should find a TSDoc summary on every public export', () => {
      expect(findUndocumentedExports()).toEqual([]);
    }, 60_000);
  });

  describe('when a barrel exports something undocumented (fixture barrel)', () => {
    it('should report exactly the undocumented exports', () => {
      const dir = mkdtempSync(join(tmpdir(), 'tsdoc-check-'));
      try {
        const file = join(dir, 'index.ts');
        writeFileSync(
          file,
          [
            '/** Documented. */',
            'export const documented = 1;',
            'export const bare = 2;',
            "export { StowageError } from '@stowage/core';",
            'export class Naked {}',
          ].join('\n'),
        );
        const missing = findUndocumentedExports([], [{ name: 'fixture', file }]);
        expect(missing.map((m) => m.export).sort()).toEqual(['Naked', 'bare']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  });
});
