import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_ERROR_CODES } from '../helpers/package-error-codes';

const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'errors.md'), 'utf8');

describe('docs/errors.md', () => {
  describe("when compared with every package's error codes", () => {
    it.each(ALL_ERROR_CODES)('should document %s', (code) => {
      expect(doc).toContain(`\`${code}\``);
    });
  });

  describe('when reading the row of each code', () => {
    const rows = new Map<string, string[]>();
    for (const line of doc.split('\n')) {
      const code = /^\| `([A-Z0-9_]+)` \|/.exec(line)?.[1];
      if (code !== undefined)
        rows.set(
          code,
          line
            .slice(1, -1)
            .split(' | ')
            .map((c) => c.trim()),
        );
    }
    const fixes = [...rows.values()].map((cells) => cells[cells.length - 1]);

    it.each(ALL_ERROR_CODES)('should give %s a meaning and its own how-to-fix', (code) => {
      const cells = rows.get(code) ?? [];
      const fix = cells[cells.length - 1] ?? '';
      expect(cells.length).toBeGreaterThanOrEqual(3);
      expect(cells[cells.length - 2]).not.toBe('');
      expect(fix.length).toBeGreaterThan(10);
      expect(fix).not.toMatch(/^(Read the message|Fix the hint: the message quotes it)/);
      expect(fixes.filter((f) => f === fix)).toHaveLength(1);
    });
  });
});
