import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelArtifact } from '@stowage/core';
import { main } from './churn-model';

describe('docs/artifacts-and-data-items.md examples', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docs-artifacts-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe('when a model is staged, linked, committed and read back', () => {
    it('should resolve the links, keep the files and check every read', async () => {
      const { committed, dataset, messages, warnings, read } = await main(root);
      expect(committed).toBeInstanceOf(ModelArtifact);
      expect((committed as ModelArtifact).metrics).toEqual({ auc: 0.91, accuracy: 0.87 });
      expect(committed.extraData).toEqual({});
      expect(warnings).toEqual([expect.stringContaining('test_set')]);
      expect(committed.producer).toEqual({ runId: 'run-1' });
      expect(dataset.rowCount).toBe(10_000);
      expect(messages).toEqual([
        { role: 'system', content: 'You answer in a friendly tone.' },
        { role: 'user', content: 'Where is my order?' },
      ]);
      expect(read.kind).toBe('model');
      expect(read.json).toEqual({ weights: [0.4, -1.2] });
      expect(read.streamed).toBe(Buffer.byteLength(JSON.stringify({ weights: [0.4, -1.2] })));
      expect(read.localJson).toEqual({ weights: [0.4, -1.2] });
      expect(read.tokenizer).toBe('{"vocab": ["churn", "stay"]}');
    });
  });
});
