import type { Artifact } from '../artifacts/artifact';
import type {
  ArtifactRepository,
  StagedArtifact,
  StageOptions,
} from '../repository/artifact-repository';
import { PackingError } from '../errors/packing.error';
import { errorSummary, StowageError } from '../errors/stowage.error';
import type { LogHint } from '../log-hints/log-hint';
import type {
  ArtifactOutput,
  FullControlPackager,
  PackContext,
  PackOutput,
  WarningSink,
} from '../packagers/pack-context';
import type { PackagerDefinition } from '../registry/packager-definition';
import type { PackChoice } from './choose-packer';
import { packagingRecord } from './packaging-record';

/** Calls the chosen pack method (or full-control `pack`), awaiting only real promises. @internal */
export function callPack(
  choice: PackChoice,
  instance: Record<string | symbol, unknown>,
  value: unknown,
  key: string,
  options: object,
  ctx: PackContext,
): PackOutput | Promise<PackOutput> {
  if (choice.mode === 'full-control') {
    const packer = instance as unknown as FullControlPackager;
    return packer.pack(value, key, choice.artifactType, options as Record<string, unknown>, ctx);
  }
  const method = instance[(choice.method as NonNullable<PackChoice['method']>).method] as (
    ...args: unknown[]
  ) => PackOutput | Promise<PackOutput>;
  return method.call(instance, value, key, options, ctx);
}

/** Wraps an error thrown by a pack method so it names the output, packager and artifact type. @internal */
export function packMethodFailed(error: unknown, choice: PackChoice, key: string): StowageError {
  if (error instanceof StowageError) return error;
  const d = choice.definition as PackagerDefinition;
  const method = choice.method === undefined ? 'pack' : String(choice.method.method);
  const text = error instanceof Error ? error.message : String(error);
  return new PackingError(
    `Packing the output "${key}" with ${d.name}.${method} as "${choice.artifactType}" failed: ${text}`,
    {
      code: 'PACKING_METHOD_FAILED',
      details: { key, packager: d.name, artifactType: choice.artifactType, method },
      cause: error,
      fix: 'See the cause below; run the packager on this value alone to reproduce it.',
    },
  );
}

/** Checks that a pack method returned an artifact or a result. @internal */
export function checkOutput(output: unknown, choice: PackChoice, key: string): PackOutput {
  if (typeof output === 'object' && output !== null) {
    if ('result' in output && !('artifact' in output)) return output;
    const artifact = (output as { artifact?: { key?: unknown } }).artifact;
    if (typeof artifact === 'object' && artifact !== null && typeof artifact.key === 'string') {
      return output as PackOutput;
    }
  }
  const name = choice.definition?.name ?? 'the packager';
  throw new PackingError(
    `${name} returned neither { artifact } nor { result } for the output "${key}".`,
    {
      code: 'PACKING_INVALID_OUTPUT',
      details: { key, packager: name, artifactType: choice.artifactType },
      fix: 'Return { artifact: new Artifact({...}), instructions } or { result: value } from the pack method.',
    },
  );
}

/** Applies the hint's labels, extra data and metrics to a freshly packed artifact. @internal */
export function applyHint(artifact: Artifact, hint: LogHint, sink: WarningSink): void {
  if (artifact.key !== hint.key) {
    sink.warn(
      `[${hint.key}] the packer named its artifact "${artifact.key}"; it is stored as "${hint.key}".`,
    );
    artifact.key = hint.key;
  }
  Object.assign(artifact.labels, hint.labels);
  Object.assign(artifact.extraData, hint.extraData);
  if (Object.keys(hint.metrics).length === 0) return;
  const metrics = (artifact as unknown as { metrics?: unknown }).metrics;
  if (typeof metrics === 'object' && metrics !== null) Object.assign(metrics, hint.metrics);
  else
    sink.warn(
      `[${hint.key}] a ${artifact.kind} artifact has no metrics; the hint's metrics were ignored.`,
    );
}

/** Stages an artifact output with its packaging record. @internal */
export async function stageOutput(
  repository: ArtifactRepository | undefined,
  output: ArtifactOutput,
  choice: PackChoice,
  value: unknown,
  hint: LogHint,
  runId: string | undefined,
  stowageVersion: string,
): Promise<StagedArtifact> {
  const d = choice.definition as PackagerDefinition;
  if (repository === undefined) {
    throw new PackingError(
      `The output "${hint.key}" was packed as an artifact, but the manager has no repository.`,
      {
        code: 'PACKING_NO_REPOSITORY',
        details: { key: hint.key, packager: d.name, artifactType: choice.artifactType },
        fix: 'Create the manager with { store } or { repository }, or log the value as "result".',
      },
    );
  }
  const options: StageOptions = {
    packaging: packagingRecord(d, value, choice.artifactType, output.instructions, stowageVersion),
    ...(hint.tag === undefined ? {} : { tag: hint.tag }),
    ...(runId === undefined ? {} : { producer: { runId } }),
  };
  try {
    return await repository.stage(output.artifact, options);
  } catch (cause) {
    throw storeFailed(cause, hint.key, 'staging');
  }
}

/** Wraps a repository failure. @internal */
export function storeFailed(cause: unknown, key: string, step: string): PackingError {
  // The cause's own summary, never its "How to fix" (that stays on the cause, printed once).
  const text = errorSummary(cause);
  return new PackingError(`Storing the output "${key}" failed while ${step}: ${text}`, {
    code: 'PACKING_STORE_FAILED',
    details: { key, step },
    cause,
    fix: 'Check the store (permissions, space, connectivity) and the cause below.',
  });
}
