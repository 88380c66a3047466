import type { Artifact } from '../artifacts/artifact';
import type { ArtifactKinds } from '../artifacts/artifact-kinds';
import type { ArtifactFilter } from '../artifacts/artifact-listing';
import { mapLimit } from '../artifacts/artifact-listing';
import { validateArtifactKey } from '../artifacts/artifact-names';
import { StoreArtifactRepository } from '../repository/store-artifact.repository';
import { guardInput } from '../errors/input-guard';
import { NotFoundError } from '../errors/not-found.error';
import { StoreError } from '../errors/store.error';
import type { Store } from '../stores/store';
import { parseRunRecord, runRecordPath, type RunRecord, type RunStatus } from './run-record';

/** Which runs {@link RunRepository.list} returns. */
export interface RunFilter {
  readonly name?: string;
  /** Only runs carrying all these labels. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly status?: RunStatus;
  /** At most this many (newest first). */
  readonly limit?: number;
}

/** Options of {@link RunRepository}. */
export interface RunRepositoryOptions {
  readonly store: Store;
  readonly kinds?: ArtifactKinds;
}

/**
 * Reads run records and lists artifacts: what the `stowage` CLI shows.
 *
 * @remarks
 * Runs are listed newest first (run ids sort by start time). Records that cannot be parsed are
 * reported as errors rather than skipped, so damage is never hidden.
 */
export class RunRepository {
  readonly store: Store;
  readonly artifacts: StoreArtifactRepository;

  constructor(options: RunRepositoryOptions) {
    this.store = options.store;
    this.artifacts = new StoreArtifactRepository(
      options.kinds !== undefined
        ? { store: options.store, kinds: options.kinds }
        : { store: options.store },
    );
  }

  /**
   * Reads one run record.
   *
   * @throws NotFoundError naming the run id and store; StoreError for a damaged record.
   */
  async read(id: string): Promise<RunRecord> {
    const path = runRecordPath(validateArtifactKey(id));
    const bytes = await this.store.get(path).catch((error: unknown) => {
      if (!NotFoundError.is(error)) throw error;
      throw new NotFoundError(`Run "${id}" was not found in store ${this.store.url}.`, {
        details: { run: id, store: this.store.url },
        fix: 'List the runs (`stowage runs list`) to find its id, and check you opened the right store.',
        cause: error,
      });
    });
    return parseRunRecord(bytes, { store: this.store.url, path, key: id });
  }

  /** Run records matching `filter`, newest first. */
  async list(filter: RunFilter = {}): Promise<RunRecord[]> {
    // Read the filter once, up front: a getter or proxy that throws gets a typed error.
    const { name, status, labels, limit } = guardInput(
      StoreError,
      'The filter given to RunRepository.list()',
      () => ({
        name: filter.name,
        status: filter.status,
        labels: Object.entries(filter.labels ?? {}),
        limit: filter.limit,
      }),
    );
    const ids: string[] = [];
    for await (const { path } of this.store.list('runs/')) {
      const name = path.slice('runs/'.length);
      if (!name.includes('/') && name.endsWith('.json')) ids.push(name.slice(0, -'.json'.length));
    }
    ids.sort().reverse();
    const records = await mapLimit(ids, 8, (id) => this.read(id));
    const matching = records.filter(
      (r) =>
        (name === undefined || r.name === name) &&
        (status === undefined || r.status === status) &&
        labels.every(
          ([k, v]) => Object.prototype.hasOwnProperty.call(r.labels, k) && r.labels[k] === v,
        ),
    );
    return limit === undefined ? matching : matching.slice(0, limit);
  }

  /** Artifact records matching `filter` (key, tag, labels, kind). */
  listArtifacts(filter: ArtifactFilter = {}): Promise<Artifact[]> {
    return this.artifacts.list(filter);
  }
}
