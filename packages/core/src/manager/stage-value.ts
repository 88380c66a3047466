import type { ArtifactRepository } from '../repository/artifact-repository';
import type { LogHint } from '../log-hints/log-hint';
import { NO_OPTIONS } from '../options/options-schema';
import { resolveOptions } from '../options/resolve-options';
import type { PackOutput, WarningSink } from '../packagers/pack-context';
import type { PackagerSnapshot } from '../registry/packager-snapshot';
import type { ClassRegistry } from '../serialization/class-registry';
import type { TempScope } from '../temp/temp-scope';
import { choosePacker, GENERIC_RESULT_PACKAGER, type PackChoice } from './choose-packer';
import { ManagerPackContext } from './contexts';
import { genericResult } from './generic-result';
import { keptResult } from './kept-result';
import type { PackedResult, StagedPackOutput } from './packed-output';
import type { PackagerInstances } from './packager-instances';
import { applyHint, callPack, checkOutput, packMethodFailed, stageOutput } from './run-pack';

/** What staging one value needs from its manager. @internal */
export interface StageDeps {
  readonly snapshot: PackagerSnapshot;
  readonly instances: PackagerInstances;
  readonly sink: WarningSink;
  readonly classes: ClassRegistry;
  /** A new scope for the pack method's scratch directories (disposed here, whatever happens). */
  readonly tempScope: () => TempScope;
  /** The Stowage version recorded in packaging records. */
  readonly stowageVersion: () => string;
}

/**
 * Packs one value as its parsed hint asks: a result is returned as is; an artifact's bytes are
 * staged in `repository`, invisible until committed. The pack method's temporary directories are
 * removed before this returns, on success and on failure. @internal
 *
 * @throws OptionsError for bad packing options; PackingError when no packager fits, the pack
 * method fails or staging fails.
 */
export async function stageValue(
  deps: StageDeps,
  value: unknown,
  h: LogHint,
  runId: string | undefined,
  repository: ArtifactRepository | undefined,
): Promise<StagedPackOutput> {
  const choice = choosePacker(
    deps.snapshot,
    deps.instances,
    value,
    h.artifactType,
    h.key,
    h.options,
  );
  if (choice.mode === 'generic-result') {
    resolveOptions(NO_OPTIONS, h.options, {
      packager: choice.definition?.name ?? GENERIC_RESULT_PACKAGER,
      artifactType: 'result',
    });
    return packedResult(h, choice, genericResult(value));
  }
  const d = choice.definition as NonNullable<PackChoice['definition']>;
  const options =
    choice.method === undefined
      ? h.options
      : resolveOptions(choice.method.options, h.options, {
          packager: d.name,
          artifactType: choice.artifactType,
        });
  // Made when the pack method first asks for a scratch directory.
  let temp: TempScope | undefined;
  try {
    const ctx = new ManagerPackContext(
      h.key,
      choice.artifactType,
      runId,
      deps.sink,
      () => (temp ??= deps.tempScope()),
      deps.classes,
    );
    let output: PackOutput;
    try {
      const pending = callPack(choice, deps.instances.get(d), value, h.key, options, ctx);
      output = checkOutput(isThenable(pending) ? await pending : pending, choice, h.key);
    } catch (error) {
      throw packMethodFailed(error, choice, h.key);
    }
    if (!('artifact' in output)) return packedResult(h, choice, output.result);
    applyHint(output.artifact, h, deps.sink);
    const staged = await stageOutput(
      repository,
      output,
      choice,
      value,
      h,
      runId,
      deps.stowageVersion(),
    );
    return {
      kind: 'staged',
      key: h.key,
      staged,
      packager: d.name,
      artifactType: choice.artifactType,
      hint: h,
    };
  } finally {
    // Removed whether the pack succeeded, failed or was aborted; a directory that cannot be
    // removed is reported, never turned into a failure of the pack.
    if (temp !== undefined && temp.size > 0)
      await temp.dispose().catch((error: unknown) => warnOf(deps.sink, error));
  }
}

/** Reports an error (a temp directory that could not be removed) to the warning sink. @internal */
export function warnOf(sink: WarningSink, error: unknown): void {
  sink.warn(error instanceof Error ? error.message : String(error));
}

function packedResult(hint: LogHint, choice: PackChoice, value: unknown): PackedResult {
  const packager = choice.definition?.name ?? GENERIC_RESULT_PACKAGER;
  return {
    kind: 'result',
    key: hint.key,
    value: keptResult(value, hint.key),
    packager,
    artifactType: 'result',
    hint,
  };
}

function isThenable(value: unknown): value is PromiseLike<PackOutput> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
