import { createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import type { LimitCounter } from './archive-limits';
import { linkRefused, specialRefused } from './archive-refusals';
import { SafeTree, writeAll } from './safe-tree';
import { centralRecords, findZipDirectory, WindowReader, type ZipEntry } from './zip-directory';

/** Entries up to this size are inflated in one synchronous call (a few ms at most). */
const SMALL = 1024 * 1024;
const PIECE = 64 * 1024;

/**
 * Extracts a zip stream: spools it to `scratch` (counting its size), then reads the central
 * directory and writes each entry into `root`, inflating large ones off the main thread.
 *
 * @remarks
 * Entries must not overlap (each starts after the previous one's data), which rules out
 * overlapping-entry bombs; each entry's size and CRC-32 are checked. Symlink and special entries
 * (by their Unix mode) are refused.
 * @throws ArchiveError, or the raw read/write error (the caller wraps it).
 */
export async function unzipInto(
  source: Readable,
  root: string,
  scratch: string,
  counter: LimitCounter,
  where: string,
): Promise<void> {
  const spool = join(scratch, 'archive.zip');
  let total = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      try {
        counter.input(total);
        done(null, chunk);
      } catch (e) {
        done(e as Error);
      }
    },
  });
  await pipeline(source, count, createWriteStream(spool, { flags: 'wx' }));
  const fh = await open(spool, 'r');
  const tree = new SafeTree(root, where, counter);
  try {
    const size = (await stat(spool)).size;
    // Two windows: one walks the central directory, the other the entries' data.
    const records = new WindowReader(fh, size);
    const reader = new WindowReader(fh, size);
    const directory = await findZipDirectory(records);
    let next = 0;
    for await (const entry of centralRecords(records, directory)) {
      if (entry.localOffset < next) throw new Error(`the entry "${entry.name}" overlaps another`);
      next = await extractEntry(reader, tree, counter, entry, where, directory.offset);
    }
    await tree.settle();
  } finally {
    await tree.quiesce();
    await fh.close();
  }
}

async function extractEntry(
  reader: WindowReader,
  tree: SafeTree,
  counter: LimitCounter,
  entry: ZipEntry,
  where: string,
  directoryStart: number,
): Promise<number> {
  const local = await reader.at(entry.localOffset, 30);
  if (local.readUInt32LE(0) !== 0x04034b50) throw new Error(`no local header for "${entry.name}"`);
  const dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > directoryStart)
    throw new Error(`the data of "${entry.name}" runs into the directory`);
  if (entry.unixType === 0o120000) {
    const target =
      entry.compressedSize <= 4096 ? await reader.at(dataStart, entry.compressedSize) : '';
    throw linkRefused(where, entry.name, target.toString());
  }
  if (entry.name.endsWith('/') || entry.unixType === 0o040000) {
    await tree.dir(entry.name);
    return dataEnd;
  }
  if (entry.unixType !== 0 && entry.unixType !== 0o100000)
    throw specialRefused(where, entry.name, `mode ${entry.unixMode.toString(8)}`);
  if (entry.encrypted) throw new Error(`the entry "${entry.name}" is encrypted`);
  if (entry.method !== 0 && entry.method !== 8)
    throw new Error(`the entry "${entry.name}" uses compression method ${entry.method}`);
  if (entry.method === 0 && entry.compressedSize !== entry.size)
    throw new Error(`the stored entry "${entry.name}" has two sizes`);
  counter.declared(entry.size);
  const executable = (entry.unixMode & 0o111) !== 0;
  if (entry.method === 8 && entry.size <= SMALL && entry.compressedSize <= SMALL) {
    const packed = await reader.at(dataStart, entry.compressedSize);
    // One more byte than declared so a longer entry is caught as such.
    const data = inflateRawSync(packed, { maxOutputLength: entry.size + 1 });
    if (data.length !== entry.size) throw new Error(`the entry "${entry.name}" has a wrong size`);
    if (crc32(data) >>> 0 !== entry.crc)
      throw new Error(`the entry "${entry.name}" fails its CRC-32 check`);
    counter.add(data.length);
    await tree.writeSmall(entry.name, data, executable);
    return dataEnd;
  }
  const fh = await tree.file(entry.name, executable);
  try {
    let crc = 0;
    let written = 0;
    for await (const piece of entryData(reader, entry, dataStart)) {
      // zlib's crc32 of an empty view of a zero-length buffer is 0, not the running value
      if (piece.length === 0) continue;
      written += piece.length;
      if (written > entry.size) throw new Error(`the entry "${entry.name}" is longer than it says`);
      counter.add(piece.length);
      crc = crc32(piece, crc);
      await writeAll(fh, piece);
    }
    if (written !== entry.size)
      throw new Error(`the entry "${entry.name}" is shorter than it says`);
    if (crc >>> 0 !== entry.crc)
      throw new Error(`the entry "${entry.name}" fails its CRC-32 check`);
  } finally {
    await fh.close();
  }
  return dataEnd;
}

async function* readRange(
  reader: WindowReader,
  start: number,
  length: number,
): AsyncGenerator<Buffer> {
  for (let at = 0; at < length; at += PIECE) {
    const size = Math.min(PIECE, length - at);
    const buffer = Buffer.allocUnsafe(size);
    const { bytesRead } = await reader.fh.read(buffer, 0, size, start + at);
    if (bytesRead !== size) throw new Error('the zip file was cut short while reading');
    yield buffer;
  }
}

async function* entryData(
  reader: WindowReader,
  entry: ZipEntry,
  dataStart: number,
): AsyncGenerator<Buffer> {
  if (entry.method === 0) {
    yield* readRange(reader, dataStart, entry.compressedSize);
    return;
  }
  const inflater = createInflateRaw({ chunkSize: PIECE });
  const input = Readable.from(readRange(reader, dataStart, entry.compressedSize));
  input.on('error', (e) => inflater.destroy(e));
  input.pipe(inflater);
  try {
    yield* inflater as AsyncIterable<Buffer>;
  } finally {
    input.destroy();
    inflater.destroy();
  }
}
