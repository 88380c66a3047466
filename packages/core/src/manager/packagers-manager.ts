import type { ArtifactRepository } from '../repository/artifact-repository';
import type { DataItem } from '../data/data-item';
import type { TempDirMaker } from '../data/download';
import type { ContainerLike } from '../di/container-like';
import { guardInput } from '../errors/input-guard';
import { PackingError } from '../errors/packing.error';
import { UnpackingError } from '../errors/unpacking.error';
import { TypediContainer } from '../di/typedi.container';
import type { LogHint } from '../log-hints/log-hint';
import type { LogHintSource } from '../log-hints/parse-log-hint';
import type { WarningSink } from '../packagers/pack-context';
import type { PackagerSnapshot } from '../registry/packager-snapshot';
import type { ClassRegistry } from '../serialization/class-registry';
import type { PackableType } from '../types';
import type { BundlePorts } from '../bundling/bundle-ports';
import { TempScope } from '../temp/temp-scope';
import { bundlerOf, unbundlerOf } from './bundle-methods';
import { OutputBatch, type BatchPacker, type OutputBatchOptions } from './output-batch';
import { EMIT_WARNING } from './contexts';
import { explainPack, type PackExplanation } from './explain-pack';
import { HintCache } from './hint-cache';
import { buildManagerSnapshot, managerRepository } from './manager-setup';
import type {
  PackagersManagerOptions,
  PackCallOptions,
  UnpackCallOptions,
} from './manager-options';
import type { PackedOutput, StagedOutput, StagedPackOutput } from './packed-output';
import { managerClassRegistry } from './packager-classes';
import { PackagerInstances } from './packager-instances';
import { readStowageVersion } from './packaging-record';
import { stageValue, warnOf, type StageDeps } from './stage-value';
import { unpackItem } from './unpack-item';

/** What `manager.pack()` names when reading its value or hint throws. */
const PACK_INPUT = 'The value or log hint given to pack()';

/** Why a link of `manager.pack()` can resolve to nothing but its own artifact. */
const PACK_UNRESOLVED_LINK =
  'manager.pack() logs one artifact outside a run, so a link can point only at the artifact itself; use run() or RunContext.logArtifact() to link outputs of a run.';

/**
 * Packs values into artifacts or results and unpacks data items back into values, choosing the
 * packager for each.
 *
 * @remarks
 * Built once (it snapshots the registry: later `@Packager` imports are not seen) and cheap to
 * call: the packager for a (type, artifact type) pair is resolved once and cached, so dispatch
 * does not slow down as packagers are added. Packager instances come from the container; the
 * manager registers itself there (when the container can `set`) so services can inject it.
 *
 * @example
 * ```ts
 * const manager = new PackagersManager({ store: new MemoryStore() });
 * const out = await manager.pack(0.93, 'accuracy');            // { kind: 'result', value: 0.93 }
 * const file = await manager.pack(points, 'points : file');    // { kind: 'artifact', artifact }
 * ```
 */
export class PackagersManager {
  /** The frozen, ranked packager definitions this manager dispatches on. */
  readonly snapshot: PackagerSnapshot;
  /** Where artifacts are stored, when the manager has a store. */
  readonly repository: ArtifactRepository | undefined;
  readonly container: ContainerLike;
  /** Where this manager's temporary directories go (`undefined`: `os.tmpdir()`). */
  readonly tempRoot: string | undefined;
  readonly #instances: PackagerInstances;
  readonly #sink: WarningSink;
  /** Handed to packagers as `ctx.classes`; also knows every custom packager's type. */
  readonly #classes: ClassRegistry;
  /** Unpacks made without a caller's scope put their directories here (see `cleanup()`). */
  readonly #unpackTemp: TempScope;
  readonly #hints = new HintCache();
  readonly #stageDeps: StageDeps;
  #stowageVersion: string | undefined;

  /**
   * @throws DefinitionError when a registered class is not a valid packager; CollectionError when
   * a mandatory custom packager cannot be collected; ConfigError for a bad project configuration.
   */
  constructor(options: PackagersManagerOptions = {}) {
    this.#sink = options.warnings ?? EMIT_WARNING;
    this.snapshot = buildManagerSnapshot(options, this.#sink);
    this.#classes = managerClassRegistry(options.classes, this.snapshot);
    this.repository = managerRepository(options);
    this.tempRoot = options.tempRoot;
    this.#unpackTemp = this.tempScope();
    this.container = options.container ?? new TypediContainer();
    this.#instances = new PackagerInstances(this.container);
    this.#stageDeps = {
      snapshot: this.snapshot,
      instances: this.#instances,
      sink: this.#sink,
      classes: this.#classes,
      tempScope: () => this.tempScope(),
      stowageVersion: () => (this.#stowageVersion ??= readStowageVersion()),
    };
    if (options.provideSelf !== false) this.container.set?.(PackagersManager, this);
  }

  /**
   * Packs one value as the log hint asks and, for an artifact, stores and commits it.
   *
   * @remarks
   * Outside a run there are no other outputs to link to: a `'...'` or `link()` entry in the
   * hint's extra data or metrics resolves only to this artifact itself (its URI); any other is
   * dropped with a warning, never stored as the placeholder. A result is returned as soon as it
   * is packed (there is nothing to stage, link or commit); an artifact is linked and committed by
   * a batch of one, the path `run()` takes. Either way the pack method runs after the caller's
   * synchronous code, and what is returned or thrown is what a batch of one would report.
   * @throws LogHintError for a malformed hint; OptionsError for bad packing options;
   * PackingError (`PACKING_NO_PACKAGER`, `PACKING_METHOD_FAILED`, …) when packing fails, and
   * `INPUT_UNREADABLE` when reading the value throws (a getter, proxy or `toJSON` that throws).
   */
  async pack(value: unknown, hint: LogHintSource, call?: PackCallOptions): Promise<PackedOutput> {
    const parsed = guardInput(PackingError, PACK_INPUT, () => this.#hints.parse(hint));
    const runId = call?.runId;
    // The pack method runs after the caller's synchronous code, as it does in a batch.
    await Promise.resolve();
    // `#stage` without parsing again: a hint the cache returns is validated, parsing it is a no-op.
    const staged = await guardInput(PackingError, PACK_INPUT, () =>
      stageValue(this.#stageDeps, value, parsed, runId, this.repository),
    );
    // A result has nothing to stage, link or commit: it is what a batch of one reports.
    if (staged.kind === 'result') return staged;
    return this.#commitOne(value, parsed, staged, runId);
  }

  /**
   * Links and commits one staged artifact through a batch of one, the path `run()` takes (a
   * failed commit aborts it); the batch's staging step hands it the artifact already staged.
   */
  async #commitOne(
    value: unknown,
    parsed: LogHint,
    staged: StagedOutput,
    runId: string | undefined,
  ): Promise<PackedOutput> {
    let handed = false;
    const options = {
      ...(runId === undefined ? {} : { runId }),
      recorded: { unresolvedHint: PACK_UNRESOLVED_LINK },
    };
    try {
      const report = await this.#batch(options, true, () => {
        handed = true;
        return Promise.resolve(staged);
      })
        .add(value, parsed)
        .commit();
      const [failure] = report.failures;
      if (failure !== undefined) throw failure.error;
      return report.outputs[0] as PackedOutput;
    } finally {
      // Never left staged: the batch aborts what it was handed, this what it was not.
      if (!handed) await this.repository?.abort(staged.staged).catch(() => undefined);
    }
  }

  /**
   * Starts a batch of outputs logged together (what `run()` does with a handler's return value):
   * add values with their hints, then `commit()` stages them all, resolves the links between
   * them, commits several keys at once, and reports results, artifacts, structures and failures.
   *
   * @remarks
   * The batch stages into `options.repository` when given (`run()` passes the run's), else into
   * the manager's repository. See {@link OutputBatch}.
   */
  outputs(options: OutputBatchOptions = {}): OutputBatch {
    return this.#batch(options, false);
  }

  /**
   * A batch over `options.repository` or the manager's; `whole` keeps `*key` values whole;
   * `stage` replaces the manager's staging step.
   */
  #batch(options: OutputBatchOptions, whole: boolean, stage?: BatchPacker['stage']): OutputBatch {
    const repository = options.repository ?? this.repository;
    return new OutputBatch(
      {
        parse: (hint) => this.#hints.parse(hint),
        unbundle: unbundlerOf(this.snapshot, this.#instances),
        stage: stage ?? ((value, hint) => this.#stage(value, hint, options.runId, repository)),
        repository,
        warnings: this.#sink,
        whole,
      },
      options,
    );
  }

  /**
   * A new, empty {@link TempScope} under this manager's temp root: the one kind of owner of
   * temporary directories (`run()` makes one per run with it). The caller disposes it.
   */
  tempScope(): TempScope {
    return new TempScope(this.tempRoot === undefined ? {} : { parent: this.tempRoot });
  }

  /**
   * What bundling collection inputs needs from this manager: opening references with `open`,
   * unpacking (temporary files into `temp` when given, else the manager's set), and the best
   * `@Bundle` for a type. @internal
   */
  bundlePorts(open: (uri: string) => Promise<DataItem>, temp?: TempScope): BundlePorts {
    const call = temp === undefined ? undefined : { temp };
    return {
      open,
      unpack: (item, hint) => this.unpack(item, hint, call),
      bundler: (type, from) => bundlerOf(this.snapshot, this.#instances, type, from),
    };
  }

  /** Packs one value; an artifact is staged in `repository`, invisible until committed. */
  #stage(
    value: unknown,
    hint: LogHintSource,
    runId: string | undefined,
    repository: ArtifactRepository | undefined,
  ): Promise<StagedPackOutput> {
    return guardInput(PackingError, PACK_INPUT, () =>
      stageValue(this.#stageDeps, value, this.#hints.parse(hint), runId, repository),
    );
  }

  /**
   * Unpacks a data item: an artifact with a packaging record is read by its recorded packager as
   * the recorded artifact type, and `typeHint` checks the value (an instance of it, or a
   * documented conversion, else refused); an item without a record goes to the packagers
   * matching `typeHint`, then the `object` fallback. An item with no packaging record and no type
   * hint is returned as is.
   *
   * @remarks
   * See docs/builtin-packagers.md, "Reading under another type". Temporary directories the unpack
   * methods make belong to `call.temp` when given (the caller disposes it), else to the manager
   * and are removed by {@link PackagersManager.cleanup}.
   * @throws UnpackingError `UNPACKING_TYPE_MISMATCH` / `UNPACKING_NOT_EXACT` when the hint does
   * not fit what was recorded; `UNPACKING_NO_PACKAGER` listing every attempt when nothing reads it.
   */
  unpack<T = unknown>(
    item: DataItem,
    typeHint?: PackableType<T>,
    call?: UnpackCallOptions,
  ): Promise<T> {
    const temp: TempDirMaker = call?.temp ?? this.#unpackTemp;
    const job = {
      snapshot: this.snapshot,
      instances: this.#instances,
      sink: this.#sink,
      tempDir: () => temp.dir('unpack'),
      temp,
      classes: this.#classes,
    };
    return guardInput(UnpackingError, 'The data item or type hint given to unpack()', () =>
      unpackItem(job, item, typeHint),
    ) as Promise<T>;
  }

  /**
   * Explains how `value` would be packed under `hint`: every candidate packager with its priority,
   * specificity and why it was chosen or not, plus a pretty-printed `text`. Packs nothing.
   * @throws LogHintError for a malformed hint; PackingError `INPUT_UNREADABLE` when reading the
   * value throws.
   */
  explain(value: unknown, hint: LogHintSource): PackExplanation {
    return guardInput(PackingError, 'The value or log hint given to explain()', () =>
      explainPack(this.snapshot, this.#instances, value, this.#hints.parse(hint)),
    );
  }

  /**
   * Removes the temporary directories unpack methods made without a caller's scope; call it when
   * those unpacked values are no longer used.
   *
   * @remarks
   * It removes the directories of every such unpack on this manager, including ones other code
   * still uses; callers sharing a manager concurrently should pass their own
   * `unpack(item, type, { temp })` scope instead (as `run()` does). Never throws: a directory
   * that cannot be removed is reported to the warning sink.
   */
  cleanup(): Promise<void> {
    return this.#unpackTemp.clear().catch((error: unknown) => warnOf(this.#sink, error));
  }
}
