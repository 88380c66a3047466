import type { DataItem } from '../data/data-item';
import type { Store } from '../stores/store';
import type { TempScope } from '../temp/temp-scope';
import type { Artifact } from '../artifacts/artifact';
import type { StagedArtifact, StageOptions } from '../artifacts/staged-artifact';

// The staging types belong to the artifacts layer (artifact links read them); the interface names them.
export type { StagedArtifact, StageOptions };

/**
 * Keeps artifacts in a {@link Store}: immutable versions, records, tags, and data items.
 *
 * @remarks
 * Logging is two-phase so nothing half-written is ever visible: `stage` writes the bytes (hash
 * and size computed while streaming) under a fresh version; `commit` writes the record last and
 * moves `latest` and the tag. A run stages all its outputs, resolves links between them, then
 * commits. `abort` deletes staged bytes.
 */
export interface ArtifactRepository {
  readonly store: Store;
  /** Stores the artifact's bytes under a new version; the artifact is not visible yet. */
  stage(artifact: Artifact, options?: StageOptions): Promise<StagedArtifact>;
  /** Writes the record and moves `latest` (and the tag): the artifact becomes visible. */
  commit(staged: StagedArtifact): Promise<Artifact>;
  /** Deletes the bytes of a staged artifact that will not be committed. */
  abort(staged: StagedArtifact): Promise<void>;
  /**
   * Optional: writes the listing entries of staged artifacts about to be committed together, so
   * their commits write none of their own (see `StoreArtifactRepository.listAhead`). Never
   * rejects. A run's output batch calls it before committing its outputs.
   */
  listAhead?(staged: readonly StagedArtifact[]): Promise<void>;
  /** `stage` then `commit`. */
  log(artifact: Artifact, options?: StageOptions): Promise<Artifact>;
  /**
   * Opens `store://key[:tag|@version]`, `file://…`, a plain path, or another scheme with a
   * resolver; local copies the item makes go to `options.temp` when given.
   */
  open(uri: string, options?: { readonly temp?: TempScope }): Promise<DataItem>;
}
