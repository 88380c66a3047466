import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Body } from '../stores/store';
import { Artifact, type ArtifactInit } from './artifact';

/** Fields of a {@link DirectoryArtifact}. */
export interface DirectoryArtifactInit extends ArtifactInit {
  /** The directory's files by `/`-separated relative path. */
  readonly files?: Readonly<Record<string, Body>>;
}

async function walk(root: string, rel: string, out: Record<string, Body>): Promise<void> {
  for (const entry of await fs.readdir(join(root, rel), { withFileTypes: true })) {
    const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) await walk(root, path, out);
    else if (entry.isFile()) out[path] = { path: join(root, path) };
    // Symbolic links and special files are skipped: they could point outside the directory.
  }
}

/**
 * A directory tree stored file by file (no archive), so each file can be read on its own.
 *
 * @remarks
 * Every file is an entry of `files` keyed by its relative path, with its own size and sha256 in
 * `fileRecords`. Symbolic links are not followed. Read a file back with `item.file('a/b.txt')`.
 */
export class DirectoryArtifact extends Artifact {
  static override readonly kind: string = 'directory';

  /**
   * Makes an artifact of every regular file under `dir` (streamed from disk when stored).
   *
   * @throws Error from `fs` when `dir` cannot be read.
   */
  static async fromPath(
    key: string,
    dir: string,
    init: Omit<DirectoryArtifactInit, 'key' | 'files'> = {},
  ): Promise<DirectoryArtifact> {
    const files: Record<string, Body> = {};
    await walk(dir, '', files);
    return new DirectoryArtifact({ ...init, key, files });
  }

  /** Relative paths of the stored files (from `fileRecords`, else from `files`). */
  get entries(): string[] {
    return this.fileRecords?.map((f) => f.name) ?? Object.keys(this.files ?? {});
  }
}
