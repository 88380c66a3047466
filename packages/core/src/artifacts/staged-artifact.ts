import type { Artifact, PackagingRecord, ProducerRecord } from './artifact';

/** What is recorded with an artifact besides what its packer set. */
export interface StageOptions {
  readonly packaging?: PackagingRecord;
  readonly producer?: ProducerRecord;
  /** A tag to move to this version once it is committed (`latest` always moves); `""` means none. */
  readonly tag?: string;
  /**
   * Stage a copy of a version from another store (`copyArtifacts`): keep its version id and
   * creation time instead of making new ones, and keep the tag recorded on the artifact without
   * moving it at commit (the copy moves tags itself, only when asked).
   */
  readonly copyOf?: CopyOfVersion;
}

/** The version a staged copy keeps (see {@link StageOptions.copyOf}). */
export interface CopyOfVersion {
  readonly version: string;
  /** ISO-8601 creation time of the original (default: now). */
  readonly createdAt?: string;
}

/** An artifact whose bytes are stored but whose record is not yet written (invisible to readers). */
export interface StagedArtifact {
  /** The artifact with `version`, `uri`, `size`, `sha256`, `fileRecords` filled in. */
  readonly artifact: Artifact;
  /** Options given to `stage`, applied at commit. */
  readonly options: StageOptions;
}
