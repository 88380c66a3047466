import { join } from 'node:path';
import { assertBuilt, fixture, stowage, tempDir } from '../helpers/cli-process';
import { assertExampleBuilt, EXAMPLE_DIST } from '../helpers/example-build';

interface Row {
  readonly rank: number;
  readonly name: string;
  readonly type: string;
  readonly source: string;
  readonly packs: string[];
}

describe('stowage packagers', () => {
  const dir = tempDir();

  beforeAll(() => {
    assertBuilt();
    assertExampleBuilt();
  });
  afterAll(() => dir.remove());

  describe('when nothing extra is imported', () => {
    it('should list the builtins in rank order and the fallback last', async () => {
      const { code, stdout } = await stowage(['packagers', '--json'], { cwd: dir.path });
      expect(code).toBe(0);
      const rows = JSON.parse(stdout) as Row[];
      expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));
      expect(
        rows.every((r, i) =>
          i === rows.length - 1 ? r.source === 'fallback' : r.source === 'builtin',
        ),
      ).toBe(true);
      expect(rows.map((r) => r.name)).toContain('stowage.array');
    });
  });

  describe('when a packager module is given with -r', () => {
    it('should rank the user packager (priority 3) before the builtins', async () => {
      const packager = join(EXAMPLE_DIST, 'model', 'logistic-model.packager.js');
      const { stdout } = await stowage(['packagers', '-r', packager, '--json'], { cwd: dir.path });
      const [first] = JSON.parse(stdout) as Row[];
      expect(first).toMatchObject({
        rank: 1,
        name: 'example.LogisticModelPackager',
        type: 'LogisticModel',
        source: 'user',
        packs: ['model'],
      });
    });

    it('should print a table with the default artifact type marked', async () => {
      const packager = join(EXAMPLE_DIST, 'model', 'logistic-model.packager.js');
      const { stdout } = await stowage(['packagers', '--require', packager], { cwd: dir.path });
      const lines = stdout.split('\n');
      expect(lines[0]).toMatch(/^\s*#\s+PACKAGER\s+TYPE\s+PRIORITY\s+SOURCE\s+PACKS\s+UNPACKS$/);
      expect(lines[1]).toMatch(
        /^\s*1\s+example\.LogisticModelPackager\s+LogisticModel\s+3\s+user\s+model\*\s+model$/,
      );
    });
  });

  describe('when packagers are declared with standard decorators or without decorators', () => {
    interface DeclaredRow extends Row {
      readonly declaredWith: string;
      readonly methodsDeclaredWith: Record<string, string>;
    }

    it('should report how each one and its methods were declared', async () => {
      const { code, stdout } = await stowage(
        [
          'packagers',
          '-r',
          fixture('standard-packager.js'),
          '-r',
          fixture('function-packager.js'),
          '--json',
        ],
        { cwd: dir.path },
      );
      expect(code).toBe(0);
      const rows = JSON.parse(stdout) as DeclaredRow[];
      expect(rows.find((r) => r.name === 'fixtures.GaugePackager')).toMatchObject({
        source: 'user',
        declaredWith: 'standard',
        methodsDeclaredWith: { 'pack result': 'standard' },
      });
      expect(rows.find((r) => r.name === 'fixtures.ReadingPackager')).toMatchObject({
        source: 'user',
        declaredWith: 'function',
        methodsDeclaredWith: { 'pack result': 'function' },
      });
      expect(rows.find((r) => r.name === 'stowage.array')?.declaredWith).toBe('legacy');
    });

    it('should list the declaration of each user packager under the table', async () => {
      const { stdout } = await stowage(
        ['packagers', '-r', fixture('standard-packager.js'), '-r', fixture('function-packager.js')],
        { cwd: dir.path },
      );
      const lines = stdout.split('\n');
      const at = lines.indexOf('Declared with:');
      expect(at).toBeGreaterThan(0);
      expect(
        lines
          .slice(at + 1, at + 3)
          .map((l) => l.trim())
          .sort(),
      ).toEqual([
        'fixtures.GaugePackager: standard decorators',
        'fixtures.ReadingPackager: definePackager/registerPackager',
      ]);
    });
  });
});
