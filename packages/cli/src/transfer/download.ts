import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DataItem } from '@stowage/core';
import { CliError } from '../errors/cli.error';
import type { ProgressBar } from '../output/progress-bar';

/** The part of a file handle {@link downloadAll} uses to flush a file or folder. */
export interface SyncHandle {
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file system calls {@link downloadAll} makes besides writing bytes (tests spy on them). */
export interface DownloadFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  open(path: string, flags: string): Promise<SyncHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: true }): Promise<void>;
}

/** One file to download: a data item and where it goes. */
export interface DownloadJob {
  readonly item: DataItem;
  readonly dest: string;
  /** The folder `dest` must be inside; every job is checked before anything is created. */
  readonly within?: string;
}

/**
 * Streams each item to its destination, atomically and durably (a temporary name in the same
 * directory, fsynced, renamed when complete, then the directory fsynced), reporting bytes to one
 * progress bar across all files.
 *
 * @remarks
 * The item's stream checks the recorded sha256 and size at its end: a mismatch fails the
 * download and the temporary file is removed, so a corrupt copy never appears under its name.
 * A job whose `dest` is not inside its `within` folder refuses the whole batch before any folder
 * or file is created.
 * @throws CliError `CLI_UNSAFE_FILE_NAME` for a destination outside its folder.
 */
export async function downloadAll(
  jobs: readonly DownloadJob[],
  bar: ProgressBar,
  files: DownloadFs = fs,
): Promise<void> {
  for (const { dest, within } of jobs) if (within !== undefined) checkInside(dest, within);
  let done = 0;
  for (const { item, dest } of jobs) {
    await files.mkdir(dirname(dest), { recursive: true });
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
      // Flushed through a second descriptor: fsync covers the file's data whichever fd asks.
      await flush(files, temp, 'r+');
      await files.rename(temp, dest);
    } catch (error) {
      await files.rm(temp, { force: true });
      throw error;
    }
    if (process.platform !== 'win32') await flush(files, dirname(dest), 'r');
  }
}

async function flush(files: DownloadFs, path: string, flags: string): Promise<void> {
  const handle = await files.open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function checkInside(dest: string, within: string): void {
  const rel = relative(resolve(within), resolve(dest));
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return;
  throw new CliError(`${dest} is outside ${within}; nothing was written.`, {
    code: 'CLI_UNSAFE_FILE_NAME',
    details: { path: dest, destination: within },
    fix: 'The artifact names a file outside the destination folder: log the artifact again.',
  });
}
