import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DatasetArtifact,
  LocalStore,
  ModelArtifact,
  PackagersManager,
  PlotArtifact,
  StoreArtifactRepository,
} from '@stowage/core';
import { LogisticModel } from '../src/model/logistic-model';
import { runPipeline, type PipelineResult } from '../src/pipeline';
import { SvgFigure } from '../src/plots/svg-figure';

describe('runPipeline', () => {
  let root: string;
  let store: LocalStore;
  let first: PipelineResult;
  const lines: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'stowage-pipeline-'));
    store = new LocalStore({ root });
    first = await runPipeline({ store, log: (line) => lines.push(line) });
    // The first Parquet write compiles parquet-wasm (1-2 s alone, more on a loaded machine).
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const uriOf = (
    result: PipelineResult,
    step: 'prepare' | 'train' | 'evaluate',
    key: string,
  ): string => result[step].artifacts.find((a) => a.key === key)?.uri ?? '';

  describe('when run on an empty store', () => {
    it('should complete the three steps, all labelled with the pipeline id', () => {
      const runs = [first.prepare, first.train, first.evaluate];
      expect(runs.map((r) => [r.name, r.status])).toEqual([
        ['prepare', 'completed'],
        ['train', 'completed'],
        ['evaluate', 'completed'],
      ]);
      expect(runs.every((r) => r.labels['pipeline'] === first.id)).toBe(true);
    });

    it('should train a model that separates the classes on the test split', () => {
      expect(first.train.results['metrics_accuracy']).toBeGreaterThan(0.85);
      expect(first.evaluate.results['metrics_accuracy']).toBeGreaterThan(0.85);
      expect(first.evaluate.results['metrics_auc']).toBeGreaterThan(0.93);
      const confusion = first.evaluate.results['confusion'] as Record<string, number>;
      expect(Object.values(confusion).reduce((a, b) => a + b, 0)).toBe(600);
    });

    it('should pass the artifacts between steps by URI', () => {
      expect(first.train.inputs).toEqual({ dataset: uriOf(first, 'prepare', 'dataset') });
      expect(first.evaluate.inputs).toEqual({
        model: uriOf(first, 'train', 'model'),
        dataset: uriOf(first, 'prepare', 'dataset'),
      });
    });

    it('should print each step with its run id, results and artifact URIs', () => {
      expect(lines).toContain('▶ train');
      expect(lines).toContain(`  run       ${first.train.id} (completed)`);
      expect(lines).toContain(`  artifact  model (model) ${uriOf(first, 'train', 'model')}`);
      expect(lines.some((l) => /^ {2}result {4}metrics_auc = 0\.9\d+$/.test(l))).toBe(true);
    });
  });

  describe('when the artifacts are read back', () => {
    it('should store the model as a model artifact with a JSON record and an .npy of the weights', async () => {
      const repo = new StoreArtifactRepository({ store });
      const model = await repo.read('model');
      expect(model).toBeInstanceOf(ModelArtifact);
      expect(model.fileName).toBe('model.json');
      expect(model.fileRecords?.map((f) => [f.name, f.size])).toEqual([['weights.npy', 128 + 16]]);
      expect(model.packaging).toMatchObject({
        packager: 'example.LogisticModelPackager',
        objectType: 'LogisticModel',
        artifactType: 'model',
      });
    });

    it('should unpack each artifact into its class', async () => {
      const repo = new StoreArtifactRepository({ store });
      const manager = new PackagersManager({ repository: repo });
      try {
        const model = await manager.unpack(await repo.open(uriOf(first, 'train', 'model')));
        expect(model).toBeInstanceOf(LogisticModel);
        expect((model as LogisticModel).weights).toBeInstanceOf(Float64Array);
        expect((model as LogisticModel).features).toEqual(['x1', 'x2']);
        const plot = await manager.unpack(await repo.open(uriOf(first, 'evaluate', 'roc')));
        expect(plot).toBeInstanceOf(SvgFigure);
        expect((plot as SvgFigure).svg).toMatch(
          /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^]*<polyline[^]*<\/svg>\n$/,
        );
        const rows = await manager.unpack(
          await repo.open(uriOf(first, 'prepare', 'dataset')),
          Array,
        );
        expect(rows).toHaveLength(3000);
        expect((rows as Record<string, unknown>[])[0]).toEqual({
          x1: expect.any(Number),
          x2: expect.any(Number),
          label: expect.any(Number),
          split: 'test',
        });
      } finally {
        await manager.cleanup();
        await repo.dispose();
      }
    });

    it('should store the dataset as a Parquet dataset artifact of 3000 rows with stats', async () => {
      const dataset = await new StoreArtifactRepository({ store }).read('dataset');
      expect(dataset).toBeInstanceOf(DatasetArtifact);
      expect(dataset.format).toBe('parquet');
      expect(dataset.packaging).toMatchObject({
        packager: 'stowage.tables.RecordsDatasetPackager',
        artifactType: 'dataset',
      });
      const { rowCount, schema, preview, stats } = dataset as DatasetArtifact;
      expect(rowCount).toBe(3000);
      expect(schema?.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
        'x1:float64',
        'x2:float64',
        'label:float64',
        'split:string',
      ]);
      expect(preview).toHaveLength(20);
      expect(stats?.['split']).toMatchObject({ count: 3000, nulls: 0, distinct: 2 });
      expect(stats?.['label']).toMatchObject({ min: 0, max: 1 });
    });

    it('should record the plot as SVG', async () => {
      const plot = await new StoreArtifactRepository({ store }).read('roc');
      expect(plot).toBeInstanceOf(PlotArtifact);
      expect((plot as PlotArtifact).mimeType).toBe('image/svg+xml');
    });
  });

  describe('when run a second time on the same store', () => {
    it('should log new versions, move latest, and reproduce the same model', async () => {
      const second = await runPipeline({ store });
      const repo = new StoreArtifactRepository({ store });
      expect(await repo.versions('model')).toHaveLength(2);
      expect((await repo.read('model')).uri).toBe(uriOf(second, 'train', 'model'));
      expect(uriOf(second, 'train', 'model')).not.toBe(uriOf(first, 'train', 'model'));
      expect(second.id).not.toBe(first.id);
      expect(second.train.results['metrics_loss']).toBe(first.train.results['metrics_loss']);
    }, 30_000);
  });
});
