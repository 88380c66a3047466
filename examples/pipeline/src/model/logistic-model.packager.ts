import {
  DataItem,
  decodeNpy,
  encodeNpy,
  ModelArtifact,
  Pack,
  Packager,
  Unpack,
  UnpackingError,
} from '@stowage/core';
import type { ArtifactOutput } from '@stowage/core';
import { LogisticModel } from './logistic-model';

/** The JSON record of a stored {@link LogisticModel} (its weights live in `weights.npy`). */
interface LogisticModelRecord {
  readonly format: 'logistic-model/v1';
  readonly features: readonly string[];
  readonly bias: number;
}

const WEIGHTS_FILE = 'weights.npy';

/**
 * Teaches Stowage to store a {@link LogisticModel} as a `model` artifact and to build it back.
 *
 * @remarks
 * The artifact has two files: `model.json` (feature names, bias) and `weights.npy` (the
 * `Float64Array`, readable by numpy). Importing this file is enough to register the packager.
 * `name` is the stable id written into every artifact, so renaming the class (or minifying it)
 * does not break unpacking of models stored earlier.
 */
@Packager({
  type: LogisticModel,
  name: 'example.LogisticModelPackager',
  defaultPackingArtifactType: 'model',
})
export class LogisticModelPackager {
  /** Writes the JSON record and the weights as one model artifact. */
  @Pack('model')
  packModel(model: LogisticModel, key: string): ArtifactOutput {
    const record: LogisticModelRecord = {
      format: 'logistic-model/v1',
      features: [...model.features],
      bias: model.bias,
    };
    const artifact = new ModelArtifact({
      key,
      body: Buffer.from(JSON.stringify(record, null, 2)),
      fileName: 'model.json',
      files: { [WEIGHTS_FILE]: encodeNpy(model.weights) },
      description: `logistic regression on ${model.features.join(', ')}`,
      framework: 'stowage-example',
      algorithm: 'logistic-regression',
      inputs: model.features.map((name) => ({ name, type: 'number' })),
      outputs: [{ name: 'probability', type: 'number' }],
    });
    return { artifact, instructions: { weights: WEIGHTS_FILE } };
  }

  /** Reads `model.json` and `weights.npy` back into a {@link LogisticModel}. */
  @Unpack('model')
  async unpackModel(item: DataItem, instructions: { weights?: string }): Promise<LogisticModel> {
    const record = await item.getJson<LogisticModelRecord>();
    if (record.format !== 'logistic-model/v1') {
      throw new UnpackingError(
        `${item.url} holds a "${String(record.format)}" record, not a logistic model.`,
        {
          details: { url: item.url },
          fix: 'Unpack it with the packager recorded in the artifact, or log the model again.',
        },
      );
    }
    const { data } = decodeNpy(
      await item.file(instructions.weights ?? WEIGHTS_FILE).get(),
      item.url,
    );
    return new LogisticModel(
      record.features,
      Float64Array.from(data as ArrayLike<number>),
      record.bias,
    );
  }
}
