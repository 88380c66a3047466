import type { Artifact } from '../artifacts/artifact';
import { resolveLinks, type RecordedOutputs } from '../artifacts/artifact-links';
import type { ArtifactRepository } from '../repository/artifact-repository';
import { leafKeys, renderShape, type BundleShape } from '../bundling/bundle-shape';
import { planUnbundle, type PlannedLeaf, type Unbundler } from '../bundling/plan-unbundle';
import type { LogHint } from '../log-hints/log-hint';
import type { LogHintSource } from '../log-hints/parse-log-hint';
import type { WarningSink } from '../packagers/pack-context';
import { bundleIncomplete, commitAborted, duplicateKey } from './batch-errors';
import { commitStaged, COMMITS_IN_FLIGHT } from './commit-outputs';
import type { PackedOutput, StagedOutput, StagedPackOutput } from './packed-output';
import { storeFailed } from './run-pack';
import { mapLimit } from '../artifacts/artifact-listing';

/** Options of {@link PackagersManager.outputs}. */
export interface OutputBatchOptions {
  /** The run producing the outputs; recorded as each artifact's producer. */
  readonly runId?: string;
  /** Where artifacts are staged and committed (default: the manager's repository). */
  readonly repository?: ArtifactRepository;
  /** Receives the warnings of links that resolve to nothing (default: the manager's sink). */
  readonly warnings?: WarningSink;
  /** Results and artifacts recorded before the batch, which links may point at. */
  readonly recorded?: RecordedOutputs;
  /** Values packed and staged, and keys committed, at the same time (default 4). */
  readonly concurrency?: number;
}

/** What staging one value gave, or what it threw. */
type StageOutcome = { readonly out: StagedPackOutput } | { readonly error: unknown };

/** An output that could not be logged: its key and why. */
export interface OutputFailure {
  readonly key: string;
  readonly error: unknown;
}

/** What {@link OutputBatch.commit} logged, and what it could not. */
export interface BatchReport {
  /** Results by key, bundle structures of complete `*key` outputs included, in the order added. */
  readonly results: Readonly<Record<string, unknown>>;
  /** The committed artifacts, in the order their values were added. */
  readonly artifacts: readonly Artifact[];
  /** The structure of every unbundled output (leaves are result values or artifact URIs). */
  readonly structures: Readonly<Record<string, unknown>>;
  /** One entry per key that was not logged. */
  readonly failures: readonly OutputFailure[];
  /**
   * Every logged value (result or committed artifact) with the packager and artifact type that
   * logged it, in the order added: what {@link PackagersManager.pack} returns for its one value.
   */
  readonly outputs: readonly PackedOutput[];
}

/** What a batch needs from its manager. @internal */
export interface BatchPacker {
  readonly parse: (hint: LogHintSource) => LogHint;
  readonly unbundle: Unbundler;
  /** Packs one value; an artifact is staged in `repository`. */
  readonly stage: (value: unknown, hint: LogHint) => Promise<StagedPackOutput>;
  readonly repository: ArtifactRepository | undefined;
  readonly warnings: WarningSink;
  /** `add` keeps each value whole, ignoring `*key` (`manager.pack()` packs one value as given). */
  readonly whole?: boolean;
}

/**
 * The outputs of one run, logged together: added with their hints, then staged, linked and
 * committed by {@link OutputBatch.commit}. Made by {@link PackagersManager.outputs}.
 *
 * @remarks
 * `add` splits a `*key` value into its items at once. `commit` packs every value, several at a
 * time (`concurrency`; an artifact's bytes are staged, invisible to readers), resolves the
 * `'...'` / `link()` entries of extra data and metrics against every output of the batch, then
 * commits the staged artifacts, several keys at a time. An output that cannot be packed or staged fails alone; when a commit fails, no new
 * commit starts and the outputs not committed yet are aborted (their bytes deleted) and reported.
 * Nothing is written to a run record: the caller records the report.
 *
 * @example
 * ```ts
 * const batch = manager.outputs({ runId: ctx.id, repository });
 * batch.add(0.93, 'accuracy').add(model, 'model : model').add(parts, '*part');
 * const { results, artifacts, failures } = await batch.commit();
 * ```
 */
export class OutputBatch {
  readonly #packer: BatchPacker;
  readonly #options: OutputBatchOptions;
  readonly #leaves: PlannedLeaf[] = [];
  readonly #bundles: { readonly key: string; readonly shape: BundleShape }[] = [];
  readonly #failures: OutputFailure[] = [];

  /** @internal Use {@link PackagersManager.outputs}. */
  constructor(packer: BatchPacker, options: OutputBatchOptions = {}) {
    this.#packer = packer;
    this.#options = options;
  }

  /**
   * Adds one value under its hint; a `*key` / `N*key` hint splits it into items now. A hint or a
   * split that fails is reported by {@link OutputBatch.commit} as that key's failure.
   */
  add(value: unknown, hint: LogHintSource): this {
    let key = keyOf(hint);
    try {
      const h = this.#packer.parse(hint);
      key = h.key;
      const plan =
        h.itemized === false || this.#packer.whole === true
          ? { leaves: [{ hint: h, value }], shape: undefined }
          : planUnbundle(value, h, this.#packer.unbundle);
      this.#leaves.push(...plan.leaves);
      if (plan.shape !== undefined) this.#bundles.push({ key, shape: plan.shape });
    } catch (error) {
      this.#failures.push({ key, error });
    }
    return this;
  }

  /**
   * Packs, links and commits everything added since the last commit, and reports what was
   * logged.
   * @throws nothing for an output's own failure (it is in the report); rethrows only what fails
   * outside any output, after aborting the staged artifacts.
   */
  async commit(): Promise<BatchReport> {
    const leaves = this.#leaves.splice(0);
    const bundles = this.#bundles.splice(0);
    const failures = this.#failures.splice(0);
    const lost = new Set<string>();
    const fail = (key: string, error: unknown): void => {
      failures.push({ key, error });
      lost.add(key);
    };
    const results: Record<string, unknown> = {};
    // Each logged value in the order added: a result, or the index of its staged artifact.
    const order: (StagedPackOutput | number)[] = [];
    let staged: StagedOutput[] = [];
    try {
      const seen = new Set<string>(bundles.map((b) => b.key));
      const unique = leaves.map(({ hint }) => {
        if (seen.has(hint.key)) return false;
        seen.add(hint.key);
        return true;
      });
      // Several values are packed and staged at once (each stage waits on a few small writes);
      // what they gave is then taken in the order the values were added.
      const toStage = leaves.filter((_, i) => unique[i]);
      const outcomes =
        toStage.length === 1
          ? [await this.#stageOne(toStage[0] as PlannedLeaf)]
          : await mapLimit(toStage, this.#concurrency, (leaf) => this.#stageOne(leaf));
      let next = 0;
      leaves.forEach(({ hint }, i) => {
        if (!unique[i]) {
          failures.push({ key: hint.key, error: duplicateKey(hint.key) });
          return;
        }
        const outcome = outcomes[next++] as StageOutcome;
        if ('error' in outcome) fail(hint.key, outcome.error);
        else if (outcome.out.kind === 'result') {
          define(results, hint.key, outcome.out.value);
          order.push(outcome.out);
        } else order.push(staged.push(outcome.out) - 1);
      });
      // Only results (nothing staged, no bundle): nothing to link or commit.
      const structures = bundles.length === 0 ? {} : structuresOf(bundles, staged, results);
      if (staged.length > 0) staged = this.#link(staged, { ...results, ...structures });
      const committed = staged.length === 0 ? [] : await this.#commitStaged(staged, fail);
      const outputs = packedOutputs(order, staged, committed);
      staged = [];
      for (const b of bundles) {
        const bad = leafKeys(b.shape).filter((k) => lost.has(k));
        if (bad.length === 0) define(results, b.key, structures[b.key]);
        else failures.push({ key: b.key, error: bundleIncomplete(b.key, bad) });
      }
      const artifacts = committed.filter((a): a is Artifact => a !== undefined);
      return { results, artifacts, structures, failures, outputs };
    } finally {
      const repository = this.#repository;
      if (staged.length > 0 && repository !== undefined)
        await Promise.all(staged.map((s) => repository.abort(s.staged).catch(() => undefined)));
    }
  }

  /** Stages one value; what it gave or threw, never a rejection. */
  #stageOne({ hint, value }: PlannedLeaf): Promise<StageOutcome> {
    // `then` first: a stage that throws before returning its promise fails its key alone
    return Promise.resolve()
      .then(() => this.#packer.stage(value, hint))
      .then(
        (out) => ({ out }),
        (error: unknown) => ({ error }),
      );
  }

  /** Keys staged, and committed, at the same time. */
  get #concurrency(): number {
    return Math.max(1, Math.floor(this.#options.concurrency ?? COMMITS_IN_FLIGHT));
  }

  get #repository(): ArtifactRepository | undefined {
    return this.#options.repository ?? this.#packer.repository;
  }

  /** Resolves the links of every staged artifact against the whole batch and what came before. */
  #link(staged: readonly StagedOutput[], results: Record<string, unknown>): StagedOutput[] {
    const warnings = this.#options.warnings ?? this.#packer.warnings;
    const linked = resolveLinks(
      staged.map((s) => s.staged),
      results,
      warnings,
      this.#options.recorded,
    );
    return staged.map((s, i) => ({ ...s, staged: linked[i] ?? s.staged }));
  }

  /**
   * Commits concurrently; a failed commit and every output it aborted become failures. Returns
   * the committed artifact at each staged output's index (`undefined`: not committed).
   */
  async #commitStaged(
    staged: readonly StagedOutput[],
    fail: (key: string, error: unknown) => void,
  ): Promise<readonly (Artifact | undefined)[]> {
    const repository = this.#repository;
    if (staged.length === 0 || repository === undefined) return [];
    const { committed, failed } = await commitStaged(repository, staged, this.#concurrency);
    if (failed !== undefined) {
      const failedKey = (staged[failed.index] as StagedOutput).key;
      const error = storeFailed(failed.cause, failedKey, 'committing');
      staged.forEach((s, i) => {
        if (i === failed.index) fail(s.key, error);
        else if (committed[i] === undefined) fail(s.key, commitAborted(s.key, failedKey, error));
      });
    }
    return committed;
  }
}

/** The logged outputs in the order added: results as staged, artifacts once committed. */
function packedOutputs(
  order: readonly (StagedPackOutput | number)[],
  staged: readonly StagedOutput[],
  committed: readonly (Artifact | undefined)[],
): PackedOutput[] {
  const outputs: PackedOutput[] = [];
  for (const entry of order) {
    if (typeof entry !== 'number') {
      if (entry.kind === 'result') outputs.push(entry);
      continue;
    }
    const artifact = committed[entry];
    const s = staged[entry];
    if (artifact === undefined || s === undefined) continue;
    const { key, packager, artifactType, hint } = s;
    outputs.push({ kind: 'artifact', key, artifact, packager, artifactType, hint });
  }
  return outputs;
}

/** Each bundle's structure, its leaves replaced by their result values or artifact URIs. */
function structuresOf(
  bundles: readonly { readonly key: string; readonly shape: BundleShape }[],
  staged: readonly StagedOutput[],
  results: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const uris = new Map(staged.map((s) => [s.key, s.staged.artifact.uri ?? `store://${s.key}`]));
  const leafValue = (k: string): unknown => (uris.has(k) ? uris.get(k) : results[k]);
  return Object.fromEntries(bundles.map((b) => [b.key, renderShape(b.shape, leafValue)]));
}

/** The key to report a hint that could not be parsed under: its `key` when readable. */
function keyOf(hint: unknown): string {
  try {
    if (typeof hint === 'string') return hint;
    const key = (hint as { key?: unknown } | null | undefined)?.key;
    return typeof key === 'string' ? key : '(unparsed hint)';
  } catch {
    return '(unparsed hint)';
  }
}

/** Sets a key as given (defineProperty, not `=`: a result named "__proto__" is kept). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  // `=` creates the same own, enumerable, writable data property for any other key (no other
  // key of Object.prototype is a setter) and costs far less than defineProperty.
  if (key !== '__proto__') {
    target[key] = value;
    return;
  }
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
