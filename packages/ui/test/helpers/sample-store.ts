import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Artifact,
  DatasetArtifact,
  DirectoryArtifact,
  DocumentArtifact,
  encodeNpy,
  encodeNpz,
  LocalStore,
  ModelArtifact,
  NotFoundError,
  PlotArtifact,
  RunContext,
} from '@stowage/core';
import { damageArtifactFile } from '@stowage/testing';

/** The smallest PNG: one transparent pixel. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A run name (and label, param) that would run script if it reached the page unescaped. */
export const XSS = '<img src=x onerror=alert(1)>';

/** What {@link sampleStore} wrote. */
export interface SampleStore {
  readonly root: string;
  readonly store: LocalStore;
  readonly prepareRun: string;
  readonly trainRun: string;
  readonly trainRun2: string;
  readonly failedRun: string;
  readonly xssRun: string;
  readonly datasetVersion: string;
  readonly damagedVersion: string;
  /** The `classifier` model versions logged by the two `train` runs (oldest first). */
  readonly classifierVersions: readonly string[];
  /** Deletes the folder. */
  remove(): void;
}

/**
 * A demo-like store, written the way jobs write (core's `RunContext`): `prepare` logs a dataset
 * (record with schema, stats and rows), an array (.npy), an image, an SVG plot that carries a
 * script, a markdown report, a JSON file, a directory, an `.npz` bundle and an HTML page that carries a
 * script; two `train` runs read the dataset and log results and a `classifier` model (metrics,
 * parameters, extra data); a `score` run reads the points by tag and the second classifier, and fails with a Stowage
 * error and its fix; a run is named with markup;
 * `damaged` has bytes that no longer match their hash.
 */
export async function sampleStore(): Promise<SampleStore> {
  const root = mkdtempSync(join(tmpdir(), 'stowage-ui-'));
  const store = new LocalStore({ root });
  const prepare = await RunContext.start({
    store,
    name: 'prepare',
    labels: { pipeline: 'p1', team: 'data' },
    params: { rows: 4, seed: 7 },
  });
  const dataset = await prepare.logArtifact(
    new DatasetArtifact({
      key: 'points',
      body: Buffer.from('x,label\n1.5,cat\n2.5,dog\n3.5,cat\n4.5,cow\n'),
      fileName: 'data.csv',
      schema: {
        fields: [
          { name: 'x', type: 'float64' },
          { name: 'label', type: 'string', nullable: true },
        ],
      },
      rowCount: 4,
      preview: [
        { x: 1.5, label: 'cat' },
        { x: 2.5, label: 'dog' },
        { x: 3.5, label: XSS },
      ],
      stats: { x: { type: 'float64', count: 4, nulls: 0, min: 1.5, max: 4.5, mean: 3 } },
    }),
  );
  await prepare.logArtifact(
    new Artifact({
      key: 'weights',
      body: Buffer.concat(encodeNpy(new Float64Array([1, 2, 3, 4, 5, 6]), { shape: [2, 3] })),
      fileName: 'data.npy',
    }),
  );
  await prepare.logArtifact(new PlotArtifact({ key: 'pixel', body: PNG, fileName: 'pixel.png' }));
  await prepare.logArtifact(
    new PlotArtifact({
      key: 'roc',
      body: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
      ),
      fileName: 'roc.svg',
    }),
  );
  await prepare.logArtifact(
    new Artifact({
      key: 'report',
      body: Buffer.from(`# Report\n\n${XSS}\n`),
      fileName: 'report.md',
    }),
  );
  await prepare.logArtifact(
    new Artifact({
      key: 'config',
      body: Buffer.from('{"a":1,"b":[1,2]}'),
      fileName: 'config.json',
    }),
  );
  await prepare.logArtifact(
    new DirectoryArtifact({
      key: 'images',
      files: { 'a/one.txt': Buffer.from('one'), 'b/two.txt': Buffer.from('two!') },
    }),
  );
  await prepare.logArtifact(
    new Artifact({
      key: 'arrays',
      body: Buffer.concat(
        encodeNpz({
          weights: { data: new Float32Array([1, 2, 3, 4, 5, 6]), shape: [3, 2] },
          bias: { data: new Int32Array([-1, 0, 7]) },
        }),
      ),
      fileName: 'arrays.npz',
    }),
  );
  await prepare.logArtifact(
    new DocumentArtifact({
      key: 'page',
      body: Buffer.from(`<html><body><script>alert(1)</script>${XSS}</body></html>`),
      fileName: 'page.html',
    }),
  );
  const damaged = await prepare.logArtifact(
    new Artifact({ key: 'damaged', body: Buffer.from('good bytes\n'), fileName: 'notes.txt' }),
  );
  const prepared = await prepare.complete();
  const uri = dataset.uri ?? '';
  const classifierVersions: string[] = [];
  const classifierUris: string[] = [];
  const train = async (epochs: number, accuracy: number): Promise<string> => {
    const run = await RunContext.start({
      store,
      name: 'train',
      labels: { pipeline: 'p1' },
      params: { epochs, lr: 0.1 },
      inputs: { dataset: uri },
    });
    await run.logArtifact(
      new Artifact({
        key: 'model',
        body: Buffer.from(`{"epochs":${epochs}}`),
        fileName: 'model.json',
      }),
    );
    const classifier = await run.logArtifact(
      new ModelArtifact({
        key: 'classifier',
        body: Buffer.from(`{"epochs":${epochs}}`),
        fileName: 'classifier.json',
        framework: 'custom',
        algorithm: 'logistic',
        metrics: { accuracy, f1: accuracy - 0.05 },
        parameters: { epochs, lr: 0.1, [XSS]: XSS },
        inputs: [{ name: 'x', type: 'float64' }],
        outputs: [{ name: 'label', type: 'string' }],
        extraData: { threshold: epochs / 40, note: XSS },
      }),
    );
    classifierVersions.push(classifier.version ?? '');
    classifierUris.push(classifier.uri ?? '');
    await run.logResults({ accuracy, loss: 1 - accuracy });
    return (await run.complete()).id;
  };
  const trainRun = await train(10, 0.8);
  const trainRun2 = await train(20, 0.9);
  const score = await RunContext.start({
    store,
    name: 'score',
    inputs: { dataset: 'store://points', model: classifierUris[1] ?? '' },
  });
  const failed = await score.fail(
    new NotFoundError('The model file is empty.', { fix: 'Train the model again, then score.' }),
  );
  const xss = await RunContext.start({
    store,
    name: XSS,
    labels: { [XSS]: XSS },
    params: { [XSS]: XSS },
  });
  const xssRun = (await xss.complete()).id;
  // Damage the stored bytes of `damaged` (same size, other content), wherever they are kept.
  await damageArtifactFile(store, damaged);
  return {
    root,
    store,
    prepareRun: prepared.id,
    trainRun,
    trainRun2,
    failedRun: failed.id,
    xssRun,
    datasetVersion: dataset.version ?? '',
    damagedVersion: damaged.version ?? '',
    classifierVersions,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
