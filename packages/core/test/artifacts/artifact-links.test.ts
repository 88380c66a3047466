import { Artifact } from '../../src/artifacts/artifact';
import { link, resolveLinks } from '../../src/artifacts/artifact-links';
import type { StagedArtifact } from '../../src/repository/artifact-repository';
import { ModelArtifact } from '../../src/artifacts/model.artifact';

const staged = (artifact: Artifact, version: string): StagedArtifact => {
  artifact.version = version;
  artifact.uri = `store://${artifact.key}@${version}`;
  return { artifact, options: {} };
};

describe(resolveLinks, () => {
  describe('when links point at outputs of the run', () => {
    it('should resolve artifacts to URIs and results to values', () => {
      const model = new ModelArtifact({
        key: 'model',
        metrics: { auc: '...', acc: link('accuracy'), fixed: 1 },
        extraData: { test_set: '...', note: 'x' },
      });
      const testSet = new Artifact({ key: 'test_set' });
      const input = [staged(model, 'v1'), staged(testSet, 'v2')];
      const warnings: string[] = [];
      const out = resolveLinks(
        input,
        { auc: 0.93, accuracy: 0.8 },
        { warn: (m) => warnings.push(m) },
      );
      expect((out[0]!.artifact as ModelArtifact).metrics).toEqual({
        auc: 0.93,
        acc: 0.8,
        fixed: 1,
      });
      expect(out[0]!.artifact.extraData).toEqual({ test_set: 'store://test_set@v2', note: 'x' });
      expect(out[1]).toBe(input[1]);
      expect(warnings).toEqual([]);
      expect(model.metrics['auc']).toBe('...');
    });
  });

  describe('when links point at what the run recorded before', () => {
    it('should resolve them, outputs of this batch first', () => {
      const artifact = new Artifact({
        key: 'a',
        extraData: { acc: '...', data: '...', same: link('dup') },
      });
      const warnings: string[] = [];
      const out = resolveLinks(
        [staged(artifact, 'v')],
        { dup: 'new' },
        {
          warn: (m) => warnings.push(m),
        },
        {
          results: { acc: 0.5, dup: 'old' },
          artifacts: { data: 'store://data@v0' },
        },
      );
      expect(out[0]!.artifact.extraData).toEqual({
        acc: 0.5,
        data: 'store://data@v0',
        same: 'new',
      });
      expect(warnings).toEqual([]);
    });
  });

  describe('when a staged artifact has no URI and no version', () => {
    it('should not link to a made-up URI', () => {
      const artifact = new Artifact({ key: 'a', extraData: { a: '...' } });
      const warnings: string[] = [];
      const out = resolveLinks([{ artifact, options: {} }], {}, { warn: (m) => warnings.push(m) });
      expect(out[0]!.artifact.extraData).toEqual({});
      expect(warnings).toHaveLength(1);
    });
  });

  describe('when a link points at nothing', () => {
    it('should drop the entry and warn, naming artifact, entry and target', () => {
      const artifact = new Artifact({ key: 'a', extraData: { ghost: '...', other: link('nope') } });
      const warnings: string[] = [];
      const out = resolveLinks([staged(artifact, 'v')], {}, { warn: (m) => warnings.push(m) });
      expect(out[0]!.artifact.extraData).toEqual({});
      expect(warnings).toHaveLength(2);
      expect(warnings[1]).toContain('"other" of artifact "a" links to output "nope"');
    });
  });
});
