import type { Artifact } from './artifact';
import { ArtifactLayout } from './artifact-layout';

/**
 * Where content-addressed (deduplicated) bytes live in a store of format 2.
 *
 * @remarks
 * ```
 * blobs/sha256/<first two hex digits>/<sha256>   the bytes of every file whose sha256 it is
 * ```
 * A blob has no owner: every artifact record that lists a file in `blobFiles` with that sha256
 * uses it. Garbage collection removes a blob only when no record names its sha256 any more.
 */
export const BlobLayout = {
  root: 'blobs/',
  sha256Prefix: 'blobs/sha256/',
  blob: (sha256: string): string => `blobs/sha256/${sha256.slice(0, 2)}/${sha256}`,
} as const;

/**
 * Files at least this large are stored content-addressed on a format-2 store; smaller ones stay
 * in their version folder.
 *
 * @remarks
 * Moving a file into the blob tree costs a few filesystem calls (a folder check, a rename, a
 * folder flush): nothing next to writing a megabyte, but a third more for a 1 KB artifact, which
 * is also what dedup saves least on. Same limit as `DEFERRED_SYNC_MAX_BYTES`: a file this large
 * is flushed while it is written, so the move needs no extra flush of the file.
 */
export const DEDUP_MIN_BYTES = 1024 * 1024;

const SHA256 = /^[0-9a-f]{64}$/;

/** The sha256 a blob path names, or `undefined` when `path` is not a blob path. */
export function blobSha256(path: string): string | undefined {
  const parts = path.split('/');
  if (parts.length !== 4 || `${parts[0]}/${parts[1]}/` !== BlobLayout.sha256Prefix)
    return undefined;
  const sha = parts[3] ?? '';
  return SHA256.test(sha) && parts[2] === sha.slice(0, 2) ? sha : undefined;
}

/** The recorded size and sha256 of one file of an artifact (primary or extra). */
export function fileContent(
  artifact: Artifact,
  name: string,
): { readonly size?: number; readonly sha256?: string } | undefined {
  if (name === artifact.fileName) {
    const own: { size?: number; sha256?: string } = {};
    if (artifact.size !== undefined) own.size = artifact.size;
    if (artifact.sha256 !== undefined) own.sha256 = artifact.sha256;
    return own;
  }
  return artifact.fileRecords?.find((f) => f.name === name);
}

/** Whether the bytes of file `name` of `artifact` are stored as a blob. */
export function isBlobFile(artifact: Artifact, name: string): boolean {
  return artifact.blobFiles?.includes(name) === true;
}

/**
 * Where the bytes of file `name` of a committed artifact are: its blob when the record lists the
 * file in `blobFiles`, else its version folder.
 */
export function storedFilePath(artifact: Artifact, name: string): string {
  const sha = fileContent(artifact, name)?.sha256;
  if (isBlobFile(artifact, name) && sha !== undefined && SHA256.test(sha))
    return BlobLayout.blob(sha);
  return ArtifactLayout.file(artifact.key, artifact.version ?? '', name);
}

/**
 * The other place the bytes of a file may be, read when {@link storedFilePath} finds nothing.
 *
 * @remarks
 * `stowage migrate` moves a file into its blob before it rewrites the record, so a reader holding
 * the old record finds the bytes in the blob; a record listing a blob whose file was written by
 * an older layout finds them in the version folder. `undefined` when there is no other place
 * (no sha256 recorded).
 */
export function fallbackFilePath(artifact: Artifact, name: string): string | undefined {
  const sha = fileContent(artifact, name)?.sha256;
  if (sha === undefined || !SHA256.test(sha)) return undefined;
  return isBlobFile(artifact, name)
    ? ArtifactLayout.file(artifact.key, artifact.version ?? '', name)
    : BlobLayout.blob(sha);
}
