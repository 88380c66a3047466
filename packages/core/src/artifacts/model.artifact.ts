import { Artifact, type ArtifactInit } from './artifact';

/** A model input or output feature: its name and value type. */
export interface FeatureSpec {
  readonly name: string;
  readonly type: string;
}

/** Fields of a {@link ModelArtifact}. */
export interface ModelArtifactInit extends ArtifactInit {
  /** The library that trained it (`onnx`, `tfjs`, `xgboost`, `custom`…). */
  readonly framework?: string;
  readonly algorithm?: string;
  /** Evaluation metrics; a value `'...'` (or `link(key)`) links to a result of the same run. */
  readonly metrics?: Readonly<Record<string, unknown>>;
  /** Hyper-parameters the model was trained with. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly inputs?: readonly FeatureSpec[];
  readonly outputs?: readonly FeatureSpec[];
}

/**
 * A trained model: its file(s) plus framework, metrics, parameters and feature schema.
 *
 * @remarks
 * The primary file is the model itself; weights or tokenizers go in `files`. Metrics may link to
 * results logged by the same run (resolved before commit).
 */
export class ModelArtifact extends Artifact {
  static override readonly kind: string = 'model';

  framework?: string;
  algorithm?: string;
  metrics: Record<string, unknown>;
  parameters: Record<string, unknown>;
  inputs: FeatureSpec[];
  outputs: FeatureSpec[];

  constructor(init: ModelArtifactInit) {
    super(init);
    if (init.framework !== undefined) this.framework = init.framework;
    if (init.algorithm !== undefined) this.algorithm = init.algorithm;
    this.metrics = { ...(init.metrics ?? {}) };
    this.parameters = { ...(init.parameters ?? {}) };
    this.inputs = [...(init.inputs ?? [])];
    this.outputs = [...(init.outputs ?? [])];
  }
}
