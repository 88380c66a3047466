import { createWriteStream } from 'node:fs';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StoreError } from '../errors/store.error';
import type { TempScope } from '../temp/temp-scope';

/**
 * Writes a stream to a new file in a fresh directory of `temp` and returns the file's path.
 *
 * @remarks
 * The directory belongs to the scope, so it is removed when the scope is disposed even if the
 * download fails half way.
 *
 * @throws StoreError when no scope is given; the stream's own error when it fails.
 */
export async function downloadToTemp(
  source: () => Promise<Readable>,
  temp: TempScope | undefined,
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
  await pipeline(await source(), createWriteStream(file));
  return file;
}
