import type { Body } from '../stores/store';
import type { Instructions } from '../types';

/** The packaging record stored with an artifact: how to turn it back into a value. */
export interface PackagingRecord {
  /** Stable name of the packager that packed it (`PackagerOptions.name`). */
  readonly packager: string;
  /** Stable name of the packed value's type. */
  readonly objectType: string;
  /** Artifact type the packager packed it as (`file`, `object`, …). */
  readonly artifactType: string;
  /** What the pack method returned for its unpack method. */
  readonly instructions: Instructions;
  /** What wrote it: Node, Stowage, and package versions the packager declares. */
  readonly runtime: RuntimeRecord;
}

/** The runtime that wrote an artifact. */
export interface RuntimeRecord {
  readonly node: string;
  readonly stowage: string;
  readonly packages?: Readonly<Record<string, string>>;
}

/** One stored file of an artifact (the primary file and any extra files). */
export interface ArtifactFileRecord {
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
}

/** The run that produced an artifact. */
export interface ProducerRecord {
  readonly runId: string;
  readonly name?: string;
}

/** Fields a pack method (or a user) sets when creating an artifact. */
export interface ArtifactInit {
  readonly key: string;
  /** The primary bytes. Omit for an artifact whose bytes are only `files`. */
  readonly body?: Body;
  /** Name of the primary file, e.g. `data.npy`; its extension is the default `format`. */
  readonly fileName?: string;
  /** Extra named files stored with the artifact (e.g. a model's weights beside its JSON). */
  readonly files?: Readonly<Record<string, Body>>;
  readonly format?: string;
  readonly description?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Extra data; a value `'...'` links to another output of the same run by key. */
  readonly extraData?: Readonly<Record<string, unknown>>;
}

/**
 * A stored (or about to be stored) artifact: its bytes' record and how to unpack them.
 *
 * @remarks
 * Before it is stored, an artifact carries `body` (and optional `files`): what a pack method
 * produced. The store fills in `version`, `uri`, `size`, `sha256`, `createdAt`, `producer` and
 * `packaging`. Subclasses add kind-specific fields; the record is read back into the right class
 * by its `kind`.
 */
export class Artifact {
  /** The kind discriminator stored in the record. */
  static readonly kind: string = 'artifact';

  key: string;
  body?: Body;
  files?: Readonly<Record<string, Body>>;
  fileName?: string;
  format?: string;
  description?: string;
  labels: Record<string, string>;
  extraData: Record<string, unknown>;

  // Filled in when stored.
  tag?: string;
  version?: string;
  uri?: string;
  size?: number;
  sha256?: string;
  createdAt?: string;
  producer?: ProducerRecord;
  packaging?: PackagingRecord;
  fileRecords?: readonly ArtifactFileRecord[];
  /**
   * Files (the primary `fileName` or extra files) whose bytes are stored once per content under
   * `blobs/sha256/` instead of in the version folder (format-2 stores, files of 1 MiB and more).
   */
  blobFiles?: readonly string[];
  /**
   * Files whose bytes are kept inside the record, as base64 by file name: small in-memory files
   * (up to `INLINE_MAX_BYTES` in all), which would cost more as objects of their own. Their size
   * and sha256 are recorded and checked as for any other file.
   */
  inlineFiles?: Readonly<Record<string, string>>;

  constructor(init: ArtifactInit) {
    this.key = init.key;
    if (init.body !== undefined) this.body = init.body;
    if (init.files !== undefined) this.files = init.files;
    if (init.fileName !== undefined) this.fileName = init.fileName;
    if (init.format !== undefined) this.format = init.format;
    if (init.description !== undefined) this.description = init.description;
    this.labels = { ...(init.labels ?? {}) };
    this.extraData = { ...(init.extraData ?? {}) };
  }

  /** The kind of this artifact (`artifact`, `model`, `dataset`, …). */
  get kind(): string {
    return (this.constructor as typeof Artifact).kind;
  }
}
