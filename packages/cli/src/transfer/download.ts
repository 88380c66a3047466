import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DataItem } from '@stowage/core';
import type { ProgressBar } from '../output/progress-bar';

/** One file to download: a data item and where it goes. */
export interface DownloadJob {
  readonly item: DataItem;
  readonly dest: string;
}

/**
 * Streams each item to its destination, atomically (a temporary name in the same directory,
 * renamed when complete), reporting bytes to one progress bar across all files.
 *
 * @remarks
 * The item's stream checks the recorded sha256 and size at its end: a mismatch fails the
 * download and the temporary file is removed, so a corrupt copy never appears under its name.
 */
export async function downloadAll(jobs: readonly DownloadJob[], bar: ProgressBar): Promise<void> {
  let done = 0;
  for (const { item, dest } of jobs) {
    await fs.mkdir(dirname(dest), { recursive: true });
    const temp = join(
      dirname(dest),
      `.${basename(dest)}.stowage-${randomBytes(4).toString('hex')}`,
    );
    try {
      await pipeline(
        await item.stream(),
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            done += chunk.length;
            bar.update(done);
            yield chunk;
          }
        },
        createWriteStream(temp, { flags: 'wx' }),
      );
      await fs.rename(temp, dest);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }
}
