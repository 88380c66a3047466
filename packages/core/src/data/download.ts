import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StoreError } from '../errors/store.error';

/**
 * Makes temporary directories that it removes later: a `TempScope` (the one owner of them).
 *
 * @remarks
 * Data items put local copies of remote bytes in a directory of one of these; whoever owns it
 * removes the directories when the copies are no longer used.
 */
export interface TempDirMaker {
  /** A fresh, empty directory, removed when its owner is disposed or cleaned up. */
  dir(label?: string): Promise<string>;
}

/**
 * Writes a stream to a new file in a fresh directory of `temp` and returns the file's path.
 *
 * @remarks
 * When the download fails (a damaged object, a broken connection) the directory is removed at
 * once; otherwise it belongs to `temp` and goes when `temp` is disposed or cleaned up.
 *
 * @throws StoreError when no `temp` is given; the stream's own error when it fails.
 */
export async function downloadToTemp(
  source: () => Promise<Readable>,
  temp: TempDirMaker | undefined,
  fileName: string,
  url: string,
): Promise<string> {
  if (temp === undefined) {
    throw new StoreError(`Cannot make a local copy of ${url}: no TempScope was given to hold it.`, {
      details: { url },
      fix: 'Open the item through a repository (it owns a TempScope), or pass `temp` when creating the data item.',
    });
  }
  const dir = await temp.dir('download');
  const file = join(dir, basename(fileName) || 'data');
  try {
    await pipeline(await source(), createWriteStream(file));
  } catch (error) {
    await rm(dir, { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined);
    throw error;
  }
  return file;
}
