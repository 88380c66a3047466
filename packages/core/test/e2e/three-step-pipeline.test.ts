import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Artifact,
  DataItem,
  LocalStore,
  ModelArtifact,
  Option,
  PackagersManager,
  RunRepository,
  type PackOutput,
  type RunRecord,
} from '@stowage/core';
import { Handler } from '../../src/decorators/handler.decorator';
import { Input } from '../../src/decorators/input.decorator';
import { Param } from '../../src/decorators/param.decorator';
import { Pack } from '../../src/decorators/pack.decorator';
import { Packager } from '../../src/decorators/packager.decorator';
import { Unpack } from '../../src/decorators/unpack.decorator';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';
import { collectionOf } from '../../src/decorators/type-hint';
import { hint } from '../../src/log-hints/hint.builder';
import { NumberPackager } from '../../src/packagers/builtin/number.packager';
import { RecordPackager } from '../../src/packagers/builtin/record.packager';

/** A table of feature rows and targets. */
class Dataset {
  constructor(
    readonly columns: readonly string[],
    readonly rows: readonly (readonly number[])[],
    readonly targets: readonly number[],
  ) {}
  slice(from: number, to: number): Dataset {
    return new Dataset(this.columns, this.rows.slice(from, to), this.targets.slice(from, to));
  }
}

/** A linear model: y = w·x + bias. */
class LinearModel {
  constructor(
    readonly weights: Float64Array,
    readonly bias: number,
    readonly trainedAt: Date,
  ) {}
  predict(row: readonly number[]): number {
    return row.reduce((sum, x, i) => sum + x * (this.weights[i] ?? 0), this.bias);
  }
  mse(data: Dataset): number {
    return (
      data.rows.reduce((s, row, i) => s + (this.predict(row) - (data.targets[i] ?? 0)) ** 2, 0) /
      data.rows.length
    );
  }
}

@Packager({
  type: Dataset,
  name: 'e2e.dataset',
  defaultPackingArtifactType: 'file',
  defaultUnpackingArtifactType: 'file',
})
class DatasetPackager {
  @Pack('file')
  packFile(data: Dataset, key: string): PackOutput {
    const lines = [
      [...data.columns, 'target'].join(','),
      ...data.rows.map((r, i) => [...r, data.targets[i]].join(',')),
    ];
    return {
      artifact: new Artifact({ key, body: Buffer.from(lines.join('\n')), fileName: 'data.csv' }),
      instructions: { target: 'target' },
    };
  }

  @Unpack('file')
  async unpackFile(item: DataItem, instructions: { target?: string }): Promise<Dataset> {
    const [header = '', ...lines] = (await item.getText()).split('\n');
    const names = header.split(',');
    const t = names.indexOf(instructions.target ?? 'target');
    const cells = lines.map((l) => l.split(',').map(Number));
    return new Dataset(
      names.filter((_, i) => i !== t),
      cells.map((c) => c.filter((_, i) => i !== t)),
      cells.map((c) => c[t] as number),
    );
  }
}

class ModelOptions {
  @Option({ allowed: ['f64', 'f32'], description: 'Weight precision' })
  precision = 'f64';
}

@Packager({
  type: LinearModel,
  name: 'e2e.linear-model',
  defaultPackingArtifactType: 'model',
  defaultUnpackingArtifactType: 'model',
})
class LinearModelPackager {
  @Pack('model', { options: ModelOptions })
  packModel(model: LinearModel, key: string, options: ModelOptions): PackOutput {
    const weights = options.precision === 'f32' ? new Float32Array(model.weights) : model.weights;
    const artifact = new ModelArtifact({
      key,
      body: Buffer.from(
        JSON.stringify({
          bias: model.bias,
          trainedAt: model.trainedAt.toISOString(),
          size: model.weights.length,
        }),
      ),
      fileName: 'model.json',
      files: {
        'weights.bin': new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength),
      },
      algorithm: 'least-squares',
    });
    return { artifact, instructions: { precision: options.precision } };
  }

  @Unpack('model')
  async unpackModel(item: DataItem, instructions: { precision?: string }): Promise<LinearModel> {
    const meta = await item.getJson<{ bias: number; trainedAt: string; size: number }>();
    const bytes = await item.file('weights.bin').get();
    const copy = Uint8Array.from(bytes);
    const raw =
      instructions.precision === 'f32'
        ? new Float32Array(copy.buffer)
        : new Float64Array(copy.buffer);
    return new LinearModel(Float64Array.from(raw), meta.bias, new Date(meta.trainedAt));
  }
}

class Pipeline {
  @Handler({ outputs: ['dataset : file', '1*splits', 'rows'], labels: { step: 'prepare' } })
  prepare(
    @Param('rows') count: number,
    @Param('seed') seed: number,
  ): [Dataset, Record<string, Dataset>, number] {
    let state = seed;
    const next = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const rows = Array.from({ length: count }, () => [next() * 10, next() * 5]);
    const targets = rows.map(([a = 0, b = 0]) => 3 * a - 2 * b + 1);
    const data = new Dataset(['a', 'b'], rows, targets);
    const cut = Math.floor(count * 0.75);
    return [data, { train: data.slice(0, cut), test: data.slice(cut, count) }, count];
  }

  @Handler({
    outputs: [
      hint('model')
        .as<ModelOptions>('model', { precision: 'f64' })
        .tag('v1')
        .labels({ owner: 'e2e' })
        .metrics({ loss: '...' }),
      'loss',
    ],
    labels: { step: 'train' },
  })
  train(
    @Input('train') data: Dataset,
    @Param('epochs') epochs = 2000,
    @Param('lr') lr = 0.01,
  ): [LinearModel, number] {
    const w = new Float64Array(data.columns.length);
    let bias = 0;
    for (let e = 0; e < epochs; e++) {
      const grad = new Float64Array(w.length);
      let gb = 0;
      data.rows.forEach((row, i) => {
        const err = row.reduce((s, x, j) => s + x * (w[j] ?? 0), bias) - (data.targets[i] ?? 0);
        row.forEach((x, j) => (grad[j] = (grad[j] ?? 0) + (2 * err * x) / data.rows.length));
        gb += (2 * err) / data.rows.length;
      });
      w.forEach((_, j) => (w[j] = (w[j] ?? 0) - lr * (grad[j] ?? 0)));
      bias -= lr * gb;
    }
    const model = new LinearModel(w, bias, new Date('2026-01-02T03:04:05.678Z'));
    return [model, model.mse(data)];
  }
}

const evaluate = handler(
  ({ model, splits }: { model: LinearModel; splits: Record<string, Dataset> }) =>
    Object.fromEntries(
      Object.entries(splits).map(([name, data]) => [
        name,
        { mse: model.mse(data), rows: data.rows.length },
      ]),
    ),
  {
    inputs: { model: LinearModel, splits: collectionOf(Object, Dataset) },
    outputs: ['*evaluation'],
    labels: { step: 'evaluate' },
  },
);

const PACKAGERS = [RecordPackager, NumberPackager, DatasetPackager, LinearModelPackager];

describe('a three-step pipeline on a LocalStore', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'stowage-e2e-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  /** A fresh store and manager over the same directory, as another process would have. */
  const fresh = (): { manager: PackagersManager; store: LocalStore } => {
    const store = new LocalStore({ root });
    return {
      store,
      manager: new PackagersManager({ store, packagers: PACKAGERS, fallback: null }),
    };
  };
  const expectCompleted = (record: RunRecord): void => {
    expect({ status: record.status, error: record.error, failed: record.failedOutputs }).toEqual({
      status: 'completed',
      error: undefined,
      failed: undefined,
    });
  };

  it('should pass every value by URI with its class and contents intact', async () => {
    const jobs = new Pipeline();
    const expected = jobs.prepare(40, 7);

    const prepared = await run([jobs, 'prepare'], { ...fresh(), params: { rows: 40, seed: 7 } });
    expectCompleted(prepared);
    expect(prepared.results['rows']).toBe(40);
    expect(prepared.artifacts.map((a) => a.key).sort()).toEqual([
      'dataset',
      'splits_test',
      'splits_train',
    ]);
    const splits = prepared.results['splits'] as Record<string, string>;
    expect(Object.keys(splits)).toEqual(['train', 'test']);
    expect(splits['train']).toMatch(/^store:\/\/splits_train@/);

    const trained = await run([jobs, 'train'], {
      ...fresh(),
      inputs: { train: splits['train'] as string },
      params: { epochs: 3000, lr: 0.02 },
    });
    expectCompleted(trained);
    const [expectedModel, expectedLoss] = jobs.train(expected[1]['train'] as Dataset, 3000, 0.02);
    expect(trained.results['loss']).toBe(expectedLoss);
    const modelUri = trained.artifacts.find((a) => a.key === 'model')?.uri as string;
    expect(trained.artifacts.find((a) => a.key === 'model')).toMatchObject({
      kind: 'model',
      tag: 'v1',
    });

    let received: { model?: LinearModel; splits?: Record<string, Dataset> } = {};
    const spy = handler(
      (args: { model: LinearModel; splits: Record<string, Dataset> }) => {
        received = args;
        return evaluate(args);
      },
      {
        inputs: { model: LinearModel, splits: collectionOf(Object, Dataset) },
        outputs: ['*evaluation'],
      },
    );
    const evaluated = await run(spy, { ...fresh(), inputs: { model: modelUri, splits } });
    expectCompleted(evaluated);

    expect(received.model).toBeInstanceOf(LinearModel);
    expect(received.model).toEqual(expectedModel);
    expect(received.model?.weights).toBeInstanceOf(Float64Array);
    expect(Buffer.from(received.model!.weights.buffer)).toEqual(
      Buffer.from(expectedModel.weights.buffer),
    );
    expect(received.model?.trainedAt).toEqual(new Date('2026-01-02T03:04:05.678Z'));
    expect(received.splits?.['train']).toBeInstanceOf(Dataset);
    expect(received.splits).toEqual(expected[1]);
    const mse = expectedModel.mse(expected[1]['test'] as Dataset);
    expect(evaluated.results['evaluation_test_mse']).toBe(mse);
    expect(evaluated.results['evaluation']).toEqual({
      train: { mse: expectedLoss, rows: 30 },
      test: { mse, rows: 10 },
    });
    expect(mse).toBeLessThan(1e-3);

    const { store, manager } = fresh();
    const model = await new RunRepository({ store }).artifacts.open(modelUri);
    expect((model.meta as ModelArtifact).metrics).toEqual({ loss: expectedLoss });
    expect(model.meta?.labels).toEqual({ owner: 'e2e' });
    expect(
      await manager.unpack(await manager.repository!.open('store://model:v1'), LinearModel),
    ).toEqual(expectedModel);

    const runs = await new RunRepository({ store }).list();
    expect(runs.map((r) => [r.name, r.status, r.labels['step']])).toEqual([
      ['handler', 'completed', undefined],
      ['train', 'completed', 'train'],
      ['prepare', 'completed', 'prepare'],
    ]);
    expect((await readdir(join(root, 'runs'))).length).toBe(3);
  });

  it('should run the evaluate step as declared, with its labels', async () => {
    const jobs = new Pipeline();
    const prepared = await run([jobs, 'prepare'], { ...fresh(), params: { rows: 20, seed: 1 } });
    const trained = await run([jobs, 'train'], {
      ...fresh(),
      inputs: { train: (prepared.results['splits'] as Record<string, string>)['train'] as string },
      params: { epochs: 10 },
    });
    const evaluated = await run(evaluate, {
      ...fresh(),
      inputs: {
        model: trained.artifacts[0]!.uri,
        splits: prepared.results['splits'] as Record<string, string>,
      },
    });
    expectCompleted(evaluated);
    expect(evaluated.labels).toEqual({ step: 'evaluate' });
    expect(Object.keys(evaluated.results).sort()).toEqual([
      'evaluation',
      'evaluation_test_mse',
      'evaluation_test_rows',
      'evaluation_train_mse',
      'evaluation_train_rows',
    ]);
  });
});
