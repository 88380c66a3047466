import { zip64Values } from '@stowage/core/internal';
import { parseNpyHeader, type NpyHeader } from './npy-summary';

/** Reads `[start, end)` of the stored file. */
export type RangeReader = (start: number, end: number) => Promise<Uint8Array>;

/** One array of an `.npz` found from the zip's central directory. */
export interface NpzListEntry {
  /** The array's name (the entry name without `.npy`). */
  readonly name: string;
  /** Its size in the archive, uncompressed. */
  readonly size: number;
  readonly compressed: boolean;
  /** Shape and dtype from the `.npy` header (stored entries only). */
  readonly header?: NpyHeader;
}

/** The most arrays a big `.npz` listing reads the headers of. */
export const NPZ_HEADER_READS = 50;
/** The largest central directory read (bigger ones: the first entries in it). */
const MAX_DIRECTORY_BYTES = 1024 * 1024;
const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const MAX32 = 0xffffffff;

const dataView = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

/**
 * Lists the arrays of a big `.npz` (a zip of `.npy` files) with ranged reads only: the end of the
 * file, the central directory, and the first 4 KiB of each stored entry (its `.npy` header) for
 * the first {@link NPZ_HEADER_READS} entries. Nothing else of the file is read.
 *
 * @returns undefined when the bytes are not a zip.
 */
export async function listNpz(
  size: number,
  read: RangeReader,
): Promise<{ entries: NpzListEntry[]; total: number } | undefined> {
  const tailStart = Math.max(0, size - 22 - 0xffff);
  const tail = await read(tailStart, size);
  const tv = dataView(tail);
  let e = tail.length - 22;
  while (e >= 0 && tv.getUint32(e, true) !== EOCD) e--;
  if (e < 0) return undefined;
  let count = tv.getUint16(e + 10, true);
  let dirSize = tv.getUint32(e + 12, true);
  let dirOffset = tv.getUint32(e + 16, true);
  if (e >= 20 && tv.getUint32(e - 20, true) === EOCD64_LOCATOR) {
    const at = Number(tv.getBigUint64(e - 12, true));
    const v64 = dataView(await read(at, at + 56));
    count = Number(v64.getBigUint64(32, true));
    dirSize = Number(v64.getBigUint64(40, true));
    dirOffset = Number(v64.getBigUint64(48, true));
  }
  const dir = await read(dirOffset, dirOffset + Math.min(dirSize, MAX_DIRECTORY_BYTES));
  const dv = dataView(dir);
  const entries: NpzListEntry[] = [];
  let p = 0;
  for (let i = 0; i < count && p + 46 <= dir.length; i++) {
    if (dv.getUint32(p, true) !== CENTRAL) break;
    const method = dv.getUint16(p + 10, true);
    let size32 = dv.getUint32(p + 24, true);
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    let local = dv.getUint32(p + 42, true);
    if (p + 46 + nameLength + extraLength > dir.length) break;
    const name = Buffer.from(dir.buffer, dir.byteOffset + p + 46, nameLength).toString();
    const wide = zip64Values(dv, p + 46 + nameLength, p + 46 + nameLength + extraLength);
    const compressedWide = dv.getUint32(p + 20, true) === MAX32;
    if (size32 === MAX32) size32 = wide.shift() ?? size32;
    if (compressedWide) wide.shift();
    if (local === MAX32) local = wide.shift() ?? local;
    let header: NpyHeader | undefined;
    if (method === 0 && entries.length < NPZ_HEADER_READS) {
      const lh = dataView(await read(local, local + 30));
      const start = local + 30 + lh.getUint16(26, true) + lh.getUint16(28, true);
      header = parseNpyHeader(await read(start, Math.min(size, start + 4096)));
    }
    entries.push({
      name: name.endsWith('.npy') ? name.slice(0, -4) : name,
      size: size32,
      compressed: method !== 0,
      ...(header !== undefined ? { header } : {}),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, total: count };
}
