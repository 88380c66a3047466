// A run used directly: start it, log a result and a model, complete it; then find it again.
import { Artifact, LocalStore, ModelArtifact, RunContext, RunRepository } from '@stowage/core';
import { StoreArtifactRepository, type RunRecord } from '@stowage/core';

/** What `main` gives back for the test to check. */
export interface TrainRunTour {
  readonly record: RunRecord;
  readonly errors: readonly RunRecord[];
  readonly read: RunRecord;
  readonly models: number;
}

/** Records a training run in a local store at `root`, then lists and reads it back. */
export async function main(root: string): Promise<TrainRunTour> {
  const setup = new StoreArtifactRepository({ store: new LocalStore({ root }) });
  await setup.log(new Artifact({ key: 'train-set', body: Buffer.from('[1, 2, 3]') }), {
    tag: 'prod',
  });
  const bytes = Buffer.from('model weights');
  // #region context
  const run = await RunContext.start({
    store: new LocalStore({ root }),
    name: 'train',
    labels: { team: 'growth' },
    params: { lr: 0.01, seed: 42n },
    inputs: { data: 'store://train-set:prod' },
  });
  try {
    const data = await (await run.getInput('data')).getJson<number[]>();
    await run.logResults({ loss: 0.231, rows: data.length });
    await run.logArtifact(new ModelArtifact({ key: 'model', body: bytes, fileName: 'm.onnx' }), {
      tag: 'candidate',
    });
    await run.complete();
  } catch (error) {
    await run.fail(error); // status "error", message, code and stack recorded
    throw error;
  }
  // #endregion
  const store = new LocalStore({ root });
  const id = run.id;
  // #region list
  const runs = new RunRepository({ store });
  const errors = await runs.list({
    name: 'train',
    labels: { team: 'growth' },
    status: 'error',
    limit: 20,
  }); // newest first
  const read = await runs.read(id); // NotFoundError naming id and store
  const models = await runs.listArtifacts({ key: 'model', tag: 'candidate', kind: 'model' });
  // #endregion
  return { record: run.toRecord(), errors, read, models: models.length };
}
