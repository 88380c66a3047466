import { guardInput } from '../errors/input-guard';
import { HandlerError } from '../errors/handler.error';
import { PackingError } from '../errors/packing.error';
import type { ArtifactRepository } from '../repository/artifact-repository';
import { StoreArtifactRepository } from '../repository/store-artifact.repository';
import type { OutputFailure } from '../manager/output-batch';
import { PackagersManager } from '../manager/packagers-manager';
import { RunContext, type RunContextOptions } from '../runs/run-context';
import type { TempScope } from '../temp/temp-scope';
import type { RunRecord } from '../runs/run-record';
import { bindInputs, recordedInput } from './bind-inputs';
import { checkRunOptions } from './check-run-options';
import { logOutputs } from './log-outputs';
import { matchOutputs } from './match-outputs';
import { normalizeHandlerOptions } from '../decorators/normalize-handler-options';
import { resolveHandler, type HandlerLike } from './resolve-handler';
import type { HandlerDefinition } from './handler-definition';
import type { RunOptions } from './run-options';
import type { HandlerFunction } from './handler.function';
import type { OutputHint } from '../decorators/handler-options';
import type { MethodNameOf, PlainFunction, TypedRunOptions, TypedRunRecord } from './run-types';

/**
 * Runs a handler: unpacks its inputs, calls it, logs what it returns, and returns the run record.
 *
 * @remarks
 * Steps: the handler and options are checked (a mistake throws before any run exists); a run
 * record is started; inputs (URIs, paths, data items, or lists/dicts of these) are unpacked to
 * the declared types — a failure here fails the run before the handler is called; the handler is
 * called — if it throws, the run records the error and its stack, and keeps what was logged; the
 * return value is matched to the output hints and every output is staged, linked and committed.
 * An output that cannot be logged is recorded in `failedOutputs`; the others are still logged, and
 * the status is `error` (or `warn` with `onOutputFailure: 'warn'`). Each run owns one temporary
 * scope (local copies of inputs, directories the unpackers make) and disposes it when it ends,
 * success or failure; a shared manager's `cleanup()` is not called, so concurrent runs on one
 * manager never remove each other's files. See `docs/handlers-and-runs.md`.
 *
 * @example
 * ```ts
 * const record = await run(train, { inputs: { data: 'store://dataset' }, params: { epochs: 3 }, store });
 * record.status;          // 'completed'
 * record.artifacts[0].uri // 'store://model@…'
 * ```
 * @throws HandlerError when the handler or the options are invalid (no run is created), with the
 * code `INPUT_UNREADABLE` when reading them throws (a getter or proxy);
 * LogHintError for a malformed `returns` hint; StoreError when the run record cannot be written.
 */
export function run<A, R, K extends string>(
  target: HandlerFunction<A, R, K>,
  options: TypedRunOptions<A> & { readonly returns: readonly OutputHint[] },
): Promise<RunRecord>;
export function run<A, R, K extends string>(
  target: HandlerFunction<A, R, K>,
  options?: TypedRunOptions<A>,
): Promise<TypedRunRecord<K>>;
export function run<T extends object, M extends string | symbol>(
  target: readonly [T, M] & readonly [T, MethodNameOf<T, M>],
  options?: RunOptions,
): Promise<RunRecord>;
export function run<F extends (...args: never[]) => unknown>(
  target: PlainFunction<F>,
  options?: RunOptions,
): Promise<RunRecord>;
export async function run(target: HandlerLike, options: object = {}): Promise<RunRecord> {
  const prepared = guardInput(HandlerError, 'The handler or options given to run()', () =>
    prepare(target, options as RunOptions),
  );
  const { repository, start } = prepared;
  const temp = prepared.manager.tempScope();
  try {
    const ctx = await RunContext.start({ repository, ...start, temp });
    return await execute({ ...prepared, ctx, temp });
  } finally {
    await temp.dispose().catch(() => undefined);
  }
}

/** What run() reads from its arguments, once, before a run exists. */
interface Prepared {
  readonly definition: HandlerDefinition;
  readonly options: RunOptions;
  readonly outputs: HandlerDefinition['outputs'];
  readonly manager: PackagersManager;
  /** The run's repository: the run record and its inputs (the artifacts too, but see below). */
  readonly repository: ArtifactRepository;
  /** Where the outputs are staged and committed: `repository`, unless the manager has its own over another store. */
  readonly artifacts: ArtifactRepository;
  readonly start: Pick<
    RunContextOptions,
    'id' | 'name' | 'labels' | 'params' | 'inputs' | 'recordAtStart'
  >;
}

/** Checks the handler and options and copies what the run needs out of them (read once). */
function prepare(target: HandlerLike, given: RunOptions): Prepared {
  const definition = resolveHandler(target);
  const options: RunOptions = {
    ...given,
    params: { ...(given.params ?? {}) },
    inputs: { ...(given.inputs ?? {}) },
  };
  checkRunOptions(definition, options);
  const outputs =
    options.returns === undefined
      ? definition.outputs
      : normalizeHandlerOptions({ outputs: options.returns }, definition.name).outputs;
  const manager =
    options.manager ??
    new PackagersManager(options.store === undefined ? {} : { store: options.store });
  const repositories = runRepositories(options, manager);
  if (repositories === undefined) {
    throw new HandlerError(`run(${definition.name}) has no store to record the run in.`, {
      code: 'HANDLER_NO_STORE',
      details: { handler: definition.name },
      fix: 'Pass { store } (e.g. new LocalStore()) or a manager built with a store.',
    });
  }
  const sources = options.inputs ?? {};
  return {
    definition,
    options,
    outputs,
    manager,
    repository: repositories.run,
    artifacts: repositories.artifacts,
    start: {
      ...(options.id === undefined ? {} : { id: options.id }),
      ...(options.recordAtStart === undefined ? {} : { recordAtStart: options.recordAtStart }),
      name: options.name ?? definition.name,
      labels: { ...definition.labels, ...(options.labels ?? {}) },
      params: options.params ?? {},
      inputs: Object.fromEntries(Object.entries(sources).map(([k, v]) => [k, recordedInput(v, k)])),
    },
  };
}

/**
 * The repositories of a run: the manager's for everything when it stores into the run's store (or
 * no store was given); one over the given store for everything when the manager has none. Only
 * when both are given and differ does the record go to `options.store` and the artifacts to the
 * manager's repository (as documented for `RunOptions.store`).
 */
function runRepositories(
  options: RunOptions,
  manager: PackagersManager,
): { readonly run: ArtifactRepository; readonly artifacts: ArtifactRepository } | undefined {
  const own = manager.repository;
  const run =
    options.store === undefined || own?.store === options.store
      ? own
      : new StoreArtifactRepository({ store: options.store });
  return run === undefined ? undefined : { run, artifacts: own ?? run };
}

/** What one started run needs to execute. */
interface Execution extends Prepared {
  readonly ctx: RunContext;
  /** The run's own scope: local copies of inputs and the unpackers' temporary directories. */
  readonly temp: TempScope;
}

/** Binds inputs, calls the handler and logs its outputs; every failure ends in the record. */
async function execute(run: Execution): Promise<RunRecord> {
  const { ctx, definition, options, outputs, manager, artifacts, temp } = run;
  let inputs: Record<string, unknown>;
  try {
    inputs = await bindInputs(
      definition,
      options.inputs ?? {},
      manager.bundlePorts((uri) => ctx.open(uri), temp),
    );
  } catch (error) {
    return await ctx.fail(error);
  }
  let value: unknown;
  try {
    value = await definition.invoke({ inputs, params: options.params ?? {}, context: ctx });
  } catch (error) {
    return await ctx.fail(error);
  }
  const match = matchOutputs(value, outputs, definition.name, ctx);
  const failures: OutputFailure[] = [...match.failures];
  try {
    failures.push(...(await logOutputs(match.outputs, ctx, manager, artifacts)));
  } catch (error) {
    return await ctx.fail(error);
  }
  // Saved with the status below: one record write for the outputs and the run's end.
  await ctx.addOutputs({ failures }, { save: false });
  if (failures.length === 0) return await ctx.complete();
  if (options.onOutputFailure === 'warn') return await ctx.complete('warn');
  return await ctx.fail(outputsFailed(definition.name, failures));
}

function outputsFailed(handler: string, failures: readonly OutputFailure[]): PackingError {
  const keys = failures.map((f) => `"${f.key}"`).join(', ');
  return new PackingError(
    `${handler}: ${failures.length} output(s) could not be logged: ${keys}; the other outputs were logged.`,
    {
      code: 'PACKING_RUN_OUTPUTS_FAILED',
      details: { handler, failedOutputs: failures.map((f) => f.key) },
      cause: failures[0]?.error,
      fix: "See failedOutputs in the run record for each error; pass onOutputFailure: 'warn' to tolerate such failures.",
    },
  );
}
