import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './collect-garbage';

describe('docs/runs.md garbage collection example', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docs-gc-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe('when a killed writer left a temporary file two hours ago', () => {
    it('should list it in the dry run and remove it after', async () => {
      const dir = join(root, 'artifacts/model/versions/v');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, '.stowage-tmp-1'), Buffer.alloc(100));
      const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
      utimesSync(join(dir, '.stowage-tmp-1'), old, old);
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        const { plan, done } = await main(root);
        expect(plan.items.map((i) => [i.kind, i.outcome])).toEqual([['temp-file', 'planned']]);
        expect(done.totals).toMatchObject({ removed: 1, reclaimed: 100 });
      } finally {
        log.mockRestore();
      }
    });
  });
});
