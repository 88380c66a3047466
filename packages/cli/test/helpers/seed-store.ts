import { Artifact, DatasetArtifact, LocalStore, ModelArtifact, RunContext } from '@stowage/core';

/** What {@link seedStore} wrote, for assertions. */
export interface SeededStore {
  readonly trainRun: string;
  readonly failedRun: string;
  readonly modelUri: string;
  readonly modelUriV1: string;
}

/**
 * Writes a small store the way jobs would (through core's `RunContext`): a completed `train` run
 * that logged a dataset and two versions of a model, and a failed `score` run.
 */
export async function seedStore(root: string): Promise<SeededStore> {
  const store = new LocalStore({ root });
  const train = await RunContext.start({
    store,
    name: 'train',
    labels: { team: 'a' },
    params: { epochs: 3 },
  });
  await train.logArtifact(
    new DatasetArtifact({
      key: 'points',
      body: Buffer.from('x,y\n1,2\n3,4\n'),
      fileName: 'data.csv',
      schema: {
        fields: [
          { name: 'x', type: 'number' },
          { name: 'y', type: 'number' },
        ],
      },
      rowCount: 2,
      preview: [
        { x: 1, y: 2 },
        { x: 3, y: 4 },
      ],
      // As @stowage/tables writes them.
      stats: {
        x: { type: 'float64', count: 2, nulls: 0, min: 1, max: 3, mean: 2, std: 1.4142135 },
        y: {
          type: 'string',
          count: 2,
          nulls: 1,
          distinct: 2,
          distinctExact: true,
          top: [
            { value: 'a', count: 1 },
            { value: 'b', count: 1 },
          ],
          topExact: true,
        },
      },
    }),
  );
  const v1 = await train.logArtifact(
    new ModelArtifact({
      key: 'model',
      body: Buffer.from('{"w":[1]}'),
      fileName: 'model.json',
      files: { 'weights.bin': Buffer.alloc(16, 7) },
    }),
  );
  const v2 = await train.logArtifact(
    new ModelArtifact({
      key: 'model',
      body: Buffer.from('{"w":[2]}'),
      fileName: 'model.json',
      files: { 'weights.bin': Buffer.alloc(16, 9) },
    }),
  );
  await train.logResults({ accuracy: 0.875, loss: 0.25 });
  const trained = await train.complete();
  const score = await RunContext.start({ store, name: 'score', labels: { team: 'b' } });
  await score.logArtifact(
    new Artifact({
      key: 'notes',
      body: Buffer.from('line one\nline two\n'),
      fileName: 'notes.txt',
    }),
  );
  const failed = await score.fail(new Error('the model file is empty'));
  return {
    trainRun: trained.id,
    failedRun: failed.id,
    modelUri: v2.uri ?? '',
    modelUriV1: v1.uri ?? '',
  };
}
