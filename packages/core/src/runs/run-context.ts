import { recordMd5 } from '../listing/record-md5';
import { runIndex, runIndexEntry, sameRunSummary, type RunIndexEntry } from '../listing/run-index';
import type { Artifact } from '../artifacts/artifact';
import { resolveLinks } from '../artifacts/artifact-links';
import { newVersionId, validateArtifactKey } from '../artifacts/artifact-names';
import type { ArtifactRepository, StageOptions } from '../repository/artifact-repository';
import { StoreArtifactRepository } from '../repository/store-artifact.repository';
import type { DataItem } from '../data/data-item';
import { parseDataUri } from '../data/data-uri';
import { NotFoundError } from '../errors/not-found.error';
import { ConfigError } from '../errors/config.error';
import { HandlerError } from '../errors/handler.error';
import { guardInput, quoteInput, typedInputError } from '../errors/input-guard';
import { SerializationError } from '../errors/serialization.error';
import type { Store } from '../stores/store';
import { TempScope } from '../temp/temp-scope';
import {
  RUN_SCHEMA_VERSION,
  runRecordPath,
  serializeRunRecord,
  type RunArtifactEntry,
  type RunErrorRecord,
  type RunInput,
  type RunOutputFailure,
  type RunRecord,
  type RunStatus,
} from './run-record';
import { DEFAULT_HEARTBEAT_MS, RunHeartbeat } from './run-heartbeat';
import { currentRunner, type RunnerRecord } from './run-runner';
import { errorRecordOf } from './run-error-record';
import { decodeTaggedJson, encodeTaggedJson } from '../serialization/tagged-json';
import { defineOwn } from '../objects';

/** Options of {@link RunContext.start}. */
export interface RunContextOptions {
  /** Where artifacts and the run record go (or give `repository`). */
  readonly store?: Store;
  /** The artifact repository to log to (default: one over `store`). */
  readonly repository?: ArtifactRepository;
  readonly name?: string;
  /** Default: a new time-sortable id. */
  readonly id?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly params?: Readonly<Record<string, unknown>>;
  /**
   * Input name → URI (`store://key`, a path, `s3://…`), or a list/dict of URIs for a collection
   * input (as `run()` records it).
   */
  readonly inputs?: Readonly<Record<string, RunInput>>;
  /** Holds local copies of inputs; default: a scope the run owns and disposes when it ends. */
  readonly temp?: TempScope;
  /**
   * How often (ms) the record of a running run is rewritten as a sign of life (default 30 s;
   * `0` turns the timer off, record writes still refresh `heartbeatAt`). Garbage collection marks
   * a `running` run `lost` when its heartbeat is older than its stale threshold.
   */
  readonly heartbeatMs?: number;
  /**
   * `true` (default): the record is written when the run starts (status `running`) and kept alive
   * by the heartbeat. `false`: nothing is written until something is logged to the run or it
   * ends, and the heartbeat starts only with that first write; for runs whose liveness is kept
   * elsewhere, such as a job queue's lock (`@stowage/bullmq` workers), where a running record
   * would cost two store writes per run for nothing. A process that dies before that first
   * write leaves no record at all.
   */
  readonly recordAtStart?: boolean;
}

/**
 * One execution of a job: its params, inputs, results, artifacts, status and timings.
 *
 * @remarks
 * The record is stored as `runs/<id>.json` when the run starts and rewritten (atomically, in
 * order) after every change, so a run that fails — or a process that dies — still shows what it
 * had logged (`addOutputs` with `save: false` leaves a batch for the next write: `run()` records
 * a handler's outputs with the run's end, one write). `fail()` records the error's message, code and stack. Results are JSON-safe values;
 * bigint, Date and non-finite numbers survive through the tagged encoding.
 */
export class RunContext {
  readonly id: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly inputs: Readonly<Record<string, RunInput>>;
  readonly repository: ArtifactRepository;
  readonly startedAt: string;
  private readonly encodedParams: Record<string, unknown>;
  private readonly encodedResults: Record<string, unknown> = {};
  private readonly artifactEntries: RunArtifactEntry[] = [];
  /** Input URI given by tag or `latest` → `store://key@version` it resolved to. */
  private readonly resolvedInputs = new Map<string, string>();
  private readonly temp: TempScope;
  private readonly ownsTemp: boolean;
  private currentStatus: RunStatus = 'running';
  private endTime: string | undefined;
  private errorRecord: RunErrorRecord | undefined;
  private readonly outputFailures: RunOutputFailure[] = [];
  private readonly warningList: string[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly runner: RunnerRecord = currentRunner();
  private heartbeatAt: string | undefined;
  private indexedSummary: RunIndexEntry | undefined;
  private readonly heartbeat: RunHeartbeat;

  private constructor(options: RunContextOptions) {
    const store = options.repository?.store ?? options.store;
    if (store === undefined) {
      throw new ConfigError('A run needs a store or an artifact repository to record to.', {
        fix: 'Pass `store` (e.g. new LocalStore()) or `repository` to RunContext.start().',
      });
    }
    this.repository = options.repository ?? new StoreArtifactRepository({ store });
    this.id = validateArtifactKey(options.id ?? newVersionId());
    this.name = checkRunText(options.name ?? 'run', 'name');
    this.labels = Object.freeze({ ...(options.labels ?? {}) });
    for (const [k, v] of Object.entries(this.labels)) checkRunText(v, `labels.${k}`);
    this.encodedParams = encodeTaggedJson({ ...(options.params ?? {}) }, 'params') as Record<
      string,
      unknown
    >;
    this.params = Object.freeze(decodeTaggedJson(this.encodedParams) as Record<string, unknown>);
    this.inputs = Object.freeze({ ...(options.inputs ?? {}) });
    this.temp = options.temp ?? new TempScope();
    this.ownsTemp = options.temp === undefined;
    this.startedAt = new Date().toISOString();
    this.heartbeat = new RunHeartbeat(options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS, () =>
      this.persist(),
    );
  }

  /**
   * Creates a run and writes its first record (status `running`), unless `recordAtStart` is
   * `false`.
   *
   * @throws ConfigError without a store; InvalidKeyError for a bad id;
   * SerializationError for params or labels that are not data, or options that cannot be read
   * (`INPUT_UNREADABLE`).
   */
  static async start(options: RunContextOptions): Promise<RunContext> {
    const run = guardInput(
      SerializationError,
      'The options given to RunContext.start()',
      () => new RunContext(options),
    );
    if (options.recordAtStart !== false) await run.persist();
    return run;
  }

  get status(): RunStatus {
    return this.currentStatus;
  }

  get endedAt(): string | undefined {
    return this.endTime;
  }

  get error(): RunErrorRecord | undefined {
    return this.errorRecord;
  }

  /** The results logged so far (decoded copies). */
  get results(): Readonly<Record<string, unknown>> {
    return decodeTaggedJson(this.encodedResults) as Record<string, unknown>;
  }

  /** The artifacts logged so far. */
  get artifacts(): readonly RunArtifactEntry[] {
    return [...this.artifactEntries];
  }

  /**
   * Records a JSON-safe value under `key` and saves the record.
   *
   * @throws InvalidKeyError for a bad key; SerializationError for a value that is not data.
   */
  async logResult(key: string, value: unknown): Promise<void> {
    const k = validateArtifactKey(key);
    defineOwn(this.encodedResults, k, encodeTaggedJson(value, `results.${k}`));
    await this.persist();
  }

  /**
   * Records several results with one save.
   *
   * @throws InvalidKeyError for a bad key; SerializationError for a value that is not data, or
   * results that cannot be read (`INPUT_UNREADABLE`).
   */
  async logResults(results: Readonly<Record<string, unknown>>): Promise<void> {
    const entries = guardInput(SerializationError, 'The results given to logResults()', () => {
      if (typeof results !== 'object' || results === null || Array.isArray(results))
        throw new TypeError('results must be an object of key → value');
      return Object.entries(results);
    });
    const encoded = entries.map(([k, v]) => {
      const key = validateArtifactKey(k);
      return [key, encodeTaggedJson(v, `results.${key}`)] as const;
    });
    for (const [k, v] of encoded) defineOwn(this.encodedResults, k, v);
    await this.persist();
  }

  /**
   * Logs an artifact produced by this run (stage + commit) and records it.
   *
   * @remarks
   * `'...'` and `link()` entries in its `extraData` and `metrics` resolve against the artifact
   * itself and what the run recorded before it (results and artifacts); one that resolves to
   * nothing is dropped with a warning in the run record, never stored as the placeholder. To link
   * to outputs the handler returns, return this artifact from the handler too.
   */
  async logArtifact(artifact: Artifact, options: StageOptions = {}): Promise<Artifact> {
    const staged = await this.repository.stage(artifact, {
      ...options,
      producer: { runId: this.id, name: this.name },
    });
    const [linked] = resolveLinks([staged], {}, this, {
      results: this.results,
      artifacts: Object.fromEntries(this.artifactEntries.map((a) => [a.key, a.uri])),
      unresolvedHint:
        'An artifact logged with logArtifact() links only to what the run recorded before it: log that first, or return both from the handler.',
    });
    let logged: Artifact;
    try {
      logged = await this.repository.commit(linked ?? staged);
    } catch (error) {
      await this.repository.abort(linked ?? staged).catch(() => undefined);
      throw error;
    }
    await this.addArtifacts([logged]);
    return logged;
  }

  /** Records artifacts committed elsewhere for this run (e.g. by the manager's batch commit). */
  async addArtifacts(committed: readonly Artifact[]): Promise<void> {
    this.pushArtifacts(committed);
    await this.persist();
  }

  /**
   * Records what one batch of outputs gave — results, committed artifacts, outputs that could not
   * be logged — with one save of the record, or with none when `save` is `false`: they are then
   * saved with the next change (the run's end, when `run()` logs a handler's return value: the
   * record is written when the run starts and when it ends, not once per kind of output).
   *
   * @throws InvalidKeyError for a bad result key; SerializationError for a result that is not
   * data (nothing of the batch is recorded then).
   */
  async addOutputs(
    outputs: {
      readonly results?: Readonly<Record<string, unknown>>;
      readonly artifacts?: readonly Artifact[];
      readonly failures?: readonly { readonly key: string; readonly error: unknown }[];
    },
    options: { readonly save?: boolean } = {},
  ): Promise<void> {
    const encoded = Object.entries(outputs.results ?? {}).map(([k, v]) => {
      const key = validateArtifactKey(k);
      return [key, encodeTaggedJson(v, `results.${key}`)] as const;
    });
    for (const [k, v] of encoded) defineOwn(this.encodedResults, k, v);
    this.pushArtifacts(outputs.artifacts ?? []);
    for (const { key, error } of outputs.failures ?? [])
      this.outputFailures.push({ key, error: errorRecordOf(error) });
    if (options.save !== false) await this.persist();
  }

  private pushArtifacts(committed: readonly Artifact[]): void {
    for (const a of committed) {
      const entry = {
        key: a.key,
        uri: a.uri ?? `store://${a.key}@${a.version}`,
        kind: a.kind,
        version: a.version ?? '',
      };
      this.artifactEntries.push(a.tag !== undefined ? { ...entry, tag: a.tag } : entry);
    }
  }

  /**
   * Opens the input `name` as a data item (local copies live in the run's temp scope).
   *
   * @remarks
   * A collection input (recorded as a list or dict) has no single data item: open its URIs one
   * by one with {@link RunContext.open}.
   * @throws NotFoundError when the run has no such input or what it names does not exist;
   * HandlerError `HANDLER_COLLECTION_INPUT` for a collection input.
   */
  async getInput(name: string): Promise<DataItem> {
    const own = typeof name === 'string' && Object.prototype.hasOwnProperty.call(this.inputs, name);
    const uri = own ? this.inputs[name] : undefined;
    if (uri === undefined) {
      throw new NotFoundError(
        `Run "${this.name}" (${this.id}) has no input named ${quoteInput(name)}.`,
        {
          details: { run: this.id, input: quoteInput(name), inputs: Object.keys(this.inputs) },
          fix: `Pass it in \`inputs\`; this run has: ${Object.keys(this.inputs).join(', ') || 'no inputs'}.`,
        },
      );
    }
    if (typeof uri !== 'string') {
      throw new HandlerError(
        `Run "${this.name}" (${this.id}): the input "${name}" is a collection, not one URI.`,
        {
          code: 'HANDLER_COLLECTION_INPUT',
          details: { run: this.id, input: name },
          fix: `Read the list/dict of URIs from run.inputs["${name}"] and open each with run.open(uri).`,
        },
      );
    }
    return this.open(uri);
  }

  /**
   * Opens a URI or path as a data item whose local copies live in the run's temp scope (used by
   * `run()` for inputs, including the items of a collection input).
   *
   * @remarks
   * For a `store://` reference by tag or `latest`, the version it resolved to is saved in the
   * run record (`inputVersions`) before the item is returned, so deletion and retention protect
   * the version the run actually read.
   */
  async open(uri: string): Promise<DataItem> {
    const item = await this.repository.open(uri, { temp: this.temp });
    const version = unpinnedVersion(uri, item);
    if (version !== undefined && this.resolvedInputs.get(uri) !== version) {
      this.resolvedInputs.set(uri, version);
      await this.persist();
    }
    return item;
  }

  /** Records a warning in the run record (saved with the next change); a run is a warning sink. */
  warn(message: string): void {
    this.warningList.push(message);
  }

  /** Records that the output `key` could not be logged, and why (message, code, stack); saves the record. */
  async recordOutputFailure(key: string, error: unknown): Promise<void> {
    this.outputFailures.push({ key, error: errorRecordOf(error) });
    await this.persist();
  }

  /**
   * Marks the run completed (or `warn`: completed, but some outputs failed and that was
   * tolerated), saves the record and removes the run's temp files.
   */
  async complete(status: 'completed' | 'warn' = 'completed'): Promise<RunRecord> {
    return this.finish(status);
  }

  /** Marks the run failed with `error` (message, code, stack), saves the record, removes temp files. */
  async fail(error: unknown): Promise<RunRecord> {
    this.errorRecord = errorRecordOf(error);
    return this.finish('error');
  }

  /** The current record (params and results decoded). */
  toRecord(): RunRecord {
    const encoded = this.encode();
    return { ...encoded, params: this.params, results: this.results };
  }

  /** Waits for pending record writes. */
  async flush(): Promise<void> {
    await this.writing;
  }

  private async finish(status: RunStatus): Promise<RunRecord> {
    this.heartbeat.stop();
    this.currentStatus = status;
    this.endTime = new Date().toISOString();
    try {
      await this.persist();
    } finally {
      if (this.ownsTemp) await this.temp.dispose();
    }
    return this.toRecord();
  }

  private encode(): RunRecord {
    return {
      schemaVersion: RUN_SCHEMA_VERSION,
      id: this.id,
      name: this.name,
      labels: this.labels,
      params: this.encodedParams,
      inputs: this.inputs,
      ...(this.resolvedInputs.size > 0
        ? { inputVersions: Object.fromEntries(this.resolvedInputs) }
        : {}),
      results: { ...this.encodedResults },
      artifacts: [...this.artifactEntries],
      status: this.currentStatus,
      startedAt: this.startedAt,
      ...(this.endTime !== undefined ? { endedAt: this.endTime } : {}),
      ...(this.errorRecord !== undefined ? { error: this.errorRecord } : {}),
      ...(this.outputFailures.length > 0 ? { failedOutputs: [...this.outputFailures] } : {}),
      ...(this.warningList.length > 0 ? { warnings: [...this.warningList] } : {}),
      runner: this.runner,
      ...(this.heartbeatAt !== undefined ? { heartbeatAt: this.heartbeatAt } : {}),
    };
  }

  /**
   * Adds the run's listing entry to the store's index before its record is written, when a field
   * the index keeps changed (a heartbeat alone adds nothing).
   */
  private async indexed(summary: RunIndexEntry): Promise<void> {
    if (sameRunSummary(this.indexedSummary, summary)) return;
    await runIndex(this.repository.store).append([summary]);
    this.indexedSummary = summary;
  }

  /** Saves a snapshot of the record; writes happen one at a time, in call order. */
  private persist(): Promise<void> {
    this.heartbeatAt = new Date().toISOString();
    let bytes: Buffer;
    try {
      bytes = serializeRunRecord(this.encode());
    } catch (error) {
      return Promise.reject(
        typedInputError(error, SerializationError, `The record of run ${this.id}`),
      );
    }
    const summary = runIndexEntry(this.encode(), Date.now(), recordMd5(bytes));
    const write = this.writing
      .then(() => this.indexed(summary))
      .then(() => this.repository.store.put(runRecordPath(this.id), bytes))
      .then(() => {
        // A `running` record is on the store from here on: keep it alive (once; never after the end).
        if (this.endTime === undefined) this.heartbeat.start();
      });
    this.writing = write.catch(() => undefined);
    return write;
  }
}

/**
 * `store://key@version` for a `store://` reference given by tag or as `latest` that opened an
 * artifact version; `undefined` for anything else (a pinned version, a path, another scheme).
 */
function unpinnedVersion(uri: string, item: DataItem): string | undefined {
  const meta = item.meta;
  if (meta?.version === undefined || !uri.startsWith('store://')) return undefined;
  const parsed = parseDataUri(uri);
  if (!('key' in parsed) || parsed.version !== undefined || parsed.key !== meta.key)
    return undefined;
  return `store://${meta.key}@${meta.version}`;
}

/** Returns `value` when it is a string, else throws a SerializationError naming `field`. */
function checkRunText(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  throw new SerializationError(`The run's ${field} is ${quoteInput(value)}, not a string.`, {
    details: { path: field },
    fix: 'Give run names and label values as strings.',
  });
}
