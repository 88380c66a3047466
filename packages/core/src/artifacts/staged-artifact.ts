import type { Artifact, PackagingRecord, ProducerRecord } from './artifact';

/** What is recorded with an artifact besides what its packer set. */
export interface StageOptions {
  readonly packaging?: PackagingRecord;
  readonly producer?: ProducerRecord;
  /** A tag to move to this version once it is committed (`latest` always moves); `""` means none. */
  readonly tag?: string;
}

/** An artifact whose bytes are stored but whose record is not yet written (invisible to readers). */
export interface StagedArtifact {
  /** The artifact with `version`, `uri`, `size`, `sha256`, `fileRecords` filled in. */
  readonly artifact: Artifact;
  /** Options given to `stage`, applied at commit. */
  readonly options: StageOptions;
}
