import { DatasetArtifact } from '../../src/artifacts/dataset.artifact';
import { DirectoryArtifact } from '../../src/artifacts/directory.artifact';
import { LLMPromptArtifact } from '../../src/artifacts/llm-prompt.artifact';
import { PlotArtifact } from '../../src/artifacts/plot.artifact';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe(DatasetArtifact, () => {
  describe('when given a long preview', () => {
    it('should keep 20 copied rows and count the columns', () => {
      const rows = Array.from({ length: 50 }, (_, i) => ({ i }));
      const ds = new DatasetArtifact({
        key: 'd',
        preview: rows,
        schema: { fields: [{ name: 'i', type: 'int64' }] },
      });
      expect(ds.preview).toHaveLength(20);
      expect(ds.columnCount).toBe(1);
      ds.preview[0]!['i'] = 99;
      expect(rows[0]).toEqual({ i: 0 });
    });
  });
});

describe(PlotArtifact, () => {
  describe('when no mime type is given', () => {
    it('should derive it from the format or file name', () => {
      expect(new PlotArtifact({ key: 'p', fileName: 'c.svg' }).mimeType).toBe('image/svg+xml');
      expect(new PlotArtifact({ key: 'p', format: 'png' }).mimeType).toBe('image/png');
    });
  });
});

describe(LLMPromptArtifact, () => {
  describe('when built from a template', () => {
    it('should store the prompt as prompt.json and render placeholders', () => {
      const prompt = new LLMPromptArtifact({
        key: 'greet',
        template: [
          { role: 'system', content: 'Be {tone}. {{literal}}' },
          { role: 'user', content: 'Hi {name}' },
        ],
        variables: { tone: { default: 'brief' } },
        modelSettings: { temperature: 0 },
      });
      expect(prompt.fileName).toBe('prompt.json');
      expect(JSON.parse((prompt.body as Buffer).toString())).toMatchObject({
        modelSettings: { temperature: 0 },
      });
      expect(prompt.placeholders).toEqual(['tone', 'name']);
      expect(prompt.render({ name: 'Ada' })).toEqual([
        { role: 'system', content: 'Be brief. {literal}' },
        { role: 'user', content: 'Hi Ada' },
      ]);
    });

    it('should name the placeholders that have no value', () => {
      const prompt = new LLMPromptArtifact({ key: 'p', template: '{a} and {b}' });
      expect(() => prompt.render({ a: '1' })).toThrow(
        expect.objectContaining({
          code: 'PROMPT_VARIABLE_MISSING',
          message: expect.stringContaining('{b}'),
        }),
      );
    });
  });
});

describe(DirectoryArtifact, () => {
  describe('when made from a directory', () => {
    it('should list every regular file by relative path', async () => {
      const dir = await fs.mkdtemp(join(tmpdir(), 'stowage-test-dir-'));
      try {
        await fs.mkdir(join(dir, 'sub'));
        await fs.writeFile(join(dir, 'a.txt'), 'a');
        await fs.writeFile(join(dir, 'sub', 'b.txt'), 'b');
        const artifact = await DirectoryArtifact.fromPath('tree', dir);
        expect(artifact.entries.sort()).toEqual(['a.txt', 'sub/b.txt']);
        expect(artifact.files?.['sub/b.txt']).toEqual({ path: join(dir, 'sub', 'b.txt') });
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    });
  });
});
