import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './train-run';

describe('docs/runs.md examples', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docs-runs-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe('when a run is recorded by hand and looked up', () => {
    it('should store params, inputs, results and the model, and find the run again', async () => {
      const { record, errors, read, models } = await main(root);
      expect(record).toMatchObject({
        status: 'completed',
        name: 'train',
        params: { lr: 0.01, seed: 42n },
        inputs: { data: 'store://train-set:prod' },
        results: { loss: 0.231, rows: 3 },
      });
      expect(record.artifacts).toEqual([
        expect.objectContaining({ key: 'model', tag: 'candidate' }),
      ]);
      expect(errors).toEqual([]);
      expect(read).toEqual(record);
      expect(models).toBe(1);
    });
  });
});
