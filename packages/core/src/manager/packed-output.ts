import type { Artifact } from '../artifacts/artifact';
import type { StagedArtifact } from '../repository/artifact-repository';
import type { LogHint } from '../log-hints/log-hint';

/** A value packed as a result: kept in the run record, nothing stored. */
export interface PackedResult {
  readonly kind: 'result';
  readonly key: string;
  /** The JSON-safe value to record. */
  readonly value: unknown;
  /** Stable name of the packager that produced it. */
  readonly packager: string;
  readonly artifactType: 'result';
  readonly hint: LogHint;
}

/** A value packed as an artifact and committed: visible in the store. */
export interface PackedArtifact {
  readonly kind: 'artifact';
  readonly key: string;
  /** The stored artifact, with version, uri, size, sha256 and packaging filled in. */
  readonly artifact: Artifact;
  readonly packager: string;
  readonly artifactType: string;
  readonly hint: LogHint;
}

/** What {@link PackagersManager.pack} returns. */
export type PackedOutput = PackedResult | PackedArtifact;

/** A value packed as an artifact whose bytes are staged but not yet committed. @internal */
export interface StagedOutput {
  readonly kind: 'staged';
  readonly key: string;
  /** Stage record: links in its `artifact` are resolved before it is committed. */
  readonly staged: StagedArtifact;
  readonly packager: string;
  readonly artifactType: string;
  readonly hint: LogHint;
}

/** What the manager's staging step returns to an {@link OutputBatch}. @internal */
export type StagedPackOutput = PackedResult | StagedOutput;
