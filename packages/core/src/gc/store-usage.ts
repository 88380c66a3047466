import type { Artifact } from '../artifacts/artifact';
import { ArtifactLayout } from '../artifacts/artifact-layout';
import { BlobLayout, fileContent, isBlobFile, storedFilePath } from '../artifacts/blob-layout';
import { isInlineFile } from '../artifacts/inline-files';
import type { Store } from '../stores/store';
import { scanBlobReferences } from './blob-references';

/** Where one file of an artifact is stored and who else uses its bytes. */
export interface StoredFile {
  readonly name: string;
  /** Its size as the record gives it. */
  readonly bytes: number;
  /**
   * `blob`: content-addressed under `blobs/sha256/`; `version`: in the version folder; `record`:
   * inside the record (small files, see `INLINE_MAX_BYTES`).
   */
  readonly where: 'blob' | 'version' | 'record';
  readonly path: string;
  /** Other committed versions (`key@version`) naming the same bytes (blobs only). */
  readonly sharedWith: readonly string[];
}

/** The logical and stored size of one artifact version. */
export interface ArtifactStorage {
  /** Sum of the sizes of its files: what a reader gets. */
  readonly logicalBytes: number;
  /** Bytes only this version holds: its version-folder files and the blobs no other version names. */
  readonly storedBytes: number;
  /** Bytes of blobs it shares with other versions (stored once for all of them). */
  readonly sharedBytes: number;
  readonly files: readonly StoredFile[];
}

/**
 * How an artifact version's bytes are stored: logical size, bytes of its own, bytes shared.
 *
 * @remarks
 * Reads every record of the store to find who shares each blob (as `stowage gc` does).
 */
export async function artifactStorage(store: Store, artifact: Artifact): Promise<ArtifactStorage> {
  const me = `${artifact.key}@${artifact.version ?? ''}`;
  const names = [
    ...(artifact.fileName !== undefined ? [artifact.fileName] : []),
    ...(artifact.fileRecords ?? []).map((f) => f.name),
  ];
  const anyBlob = names.some((n) => isBlobFile(artifact, n));
  const refs = anyBlob ? await scanBlobReferences(store) : undefined;
  let logicalBytes = 0;
  let storedBytes = 0;
  let sharedBytes = 0;
  const files: StoredFile[] = [];
  for (const name of names) {
    const { size = 0, sha256 } = fileContent(artifact, name) ?? {};
    logicalBytes += size;
    const blob = isBlobFile(artifact, name);
    const others =
      blob && sha256 !== undefined ? (refs?.users.get(sha256) ?? []).filter((u) => u !== me) : [];
    if (others.length > 0) sharedBytes += size;
    else storedBytes += size;
    const inRecord = isInlineFile(artifact, name);
    files.push({
      name,
      bytes: size,
      where: blob ? 'blob' : inRecord ? 'record' : 'version',
      path: inRecord
        ? ArtifactLayout.record(artifact.key, artifact.version ?? '')
        : storedFilePath(artifact, name),
      sharedWith: others,
    });
  }
  return { logicalBytes, storedBytes, sharedBytes, files };
}

/** Bytes a store holds for artifacts against the bytes its records describe. */
export interface StoreUsage {
  /** Sum over committed versions of their files' sizes (each version counted whole). */
  readonly logicalBytes: number;
  /** Bytes of the objects under `artifacts/` and `blobs/` (records and tags included). */
  readonly storedBytes: number;
  /** Of which, in content-addressed blobs. */
  readonly blobBytes: number;
  readonly blobs: number;
}

/** Sums the logical and the stored bytes of a store's artifacts (reads every record once). */
export async function storeUsage(store: Store): Promise<StoreUsage> {
  const refs = await scanBlobReferences(store);
  let storedBytes = 0;
  let blobBytes = 0;
  let blobs = 0;
  for await (const { size } of store.list(ArtifactLayout.root)) storedBytes += size;
  for await (const { size } of store.list(BlobLayout.root)) {
    storedBytes += size;
    blobBytes += size;
    blobs++;
  }
  return { logicalBytes: refs.logicalBytes, storedBytes, blobBytes, blobs };
}
