import { Zip, ZipDeflate, ZipPassThrough, type DeflateOptions } from 'fflate';
import { ArchiveError } from '../errors/archive.error';
import type { LimitCounter } from './archive-limits';
import type { WalkEntry } from './directory-walk';
import { loadEntries } from './walk-reader';

/** Zip offsets and sizes are 32-bit: Stowage writes no zip64 records. */
const ZIP_MAX = 0xffffffff;

/**
 * Checks that a zip of `entries` stays under 4 GiB (the writer has no zip64 records).
 *
 * @throws ArchiveError (`ARCHIVE_ZIP_TOO_LARGE`).
 */
export function checkZipFits(
  root: string,
  entries: readonly WalkEntry[],
  totalBytes: number,
): void {
  const headers = entries.reduce((s, e) => s + 128 + 2 * Buffer.byteLength(e.name), 0);
  // Deflate grows incompressible data by at most 5 bytes per 16 KiB block.
  const worst = totalBytes + Math.ceil(totalBytes / 16384) * 5 + headers;
  if (worst >= ZIP_MAX) {
    throw new ArchiveError(
      `The folder ${root} (${totalBytes} bytes) is too large for a zip archive.`,
      {
        code: 'ARCHIVE_ZIP_TOO_LARGE',
        details: { root, totalBytes, entryCount: entries.length },
        fix: "Pack it with archiveFormat 'tar' or 'tar.gz' (zip archives are limited to 4 GiB).",
      },
    );
  }
}

/**
 * The deflate memory level for a file of `size` bytes: 0 (4 KiB of tables) up to 4 KiB of data,
 * one level per doubling, 8 (1 MiB, fflate's streaming default) from 1 MiB. A small file gains
 * nothing from large tables, and allocating them per file was most of the cost of zipping many
 * small files. @internal
 */
export function deflateMemory(size: number): NonNullable<DeflateOptions['mem']> {
  return Math.min(8, Math.max(0, Math.ceil(Math.log2(Math.max(1, size) / 4096)))) as NonNullable<
    DeflateOptions['mem']
  >;
}

/**
 * Streams a zip archive of the listed entries (deflated), reading one file chunk at a time.
 *
 * @remarks
 * The output is produced as the files are read, so memory stays bounded by a chunk and fflate's
 * window, whatever the folder's size. Before each output chunk, the raw bytes read so far are
 * checked against the ratio limit over the bytes emitted before it: an archive this stream
 * completes is one the reader accepts. Each file is opened without following links and must be
 * the file that was listed.
 */
export async function* zipEntries(
  entries: readonly WalkEntry[],
  counter: LimitCounter,
): AsyncGenerator<Uint8Array> {
  const pending: Uint8Array[] = [];
  let failure: Error | undefined;
  let raw = 0;
  let emitted = 0;
  const zip = new Zip((err, chunk) => {
    if (err !== null) failure = err;
    else pending.push(chunk);
  });
  const drain = function* (): Generator<Uint8Array> {
    if (failure !== undefined) throw failure;
    while (pending.length > 0) {
      const chunk = pending.shift() as Uint8Array;
      counter.checkRatio(raw, emitted);
      emitted += chunk.length;
      yield chunk;
    }
  };
  for await (const { entry, chunks } of loadEntries(entries)) {
    if (entry.kind === 'dir') {
      const dir = new ZipPassThrough(`${entry.name}/`);
      dir.mtime = entry.mtime;
      zip.add(dir);
      dir.push(new Uint8Array(0), true);
      continue;
    }
    const file = new ZipDeflate(entry.name, { level: 6, mem: deflateMemory(entry.size) });
    file.mtime = entry.mtime;
    zip.add(file);
    for await (const chunk of chunks) {
      raw += chunk.length;
      file.push(chunk, false);
      yield* drain();
    }
    file.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}
