import { crc32 } from 'node:zlib';
import { lateChunks, type LateChunks } from '../late-chunks';

/** One file of a stored zip: its name and its content as chunks written back to back. */
export interface StoredZipFile {
  readonly name: string;
  readonly chunks: readonly Uint8Array[];
}

/** Entry data starts at a multiple of this (an `.npy` header is 64 bytes long, too). */
const ALIGN = 64;
/** A padding extra field: id (2) + length (2) + the padding itself. */
const PAD_ID = 0xd935;
/** Below this, sizes and offsets fit the 32-bit fields of a classic (non-zip64) archive. */
export const STORED_ZIP_LIMIT = 0xffffffff;
/** Bytes given to CRC-32 between two turns of the event loop in {@link storedZipBody}. */
const CRC_SLICE_BYTES = 2 * 1024 * 1024;

/** A stored zip laid out before its CRC-32s are known. */
interface StoredZipLayout {
  /** Every chunk in file order: each local header, then its file's chunks; last the directory. */
  readonly chunks: Uint8Array[];
  /** Indexes in `chunks` of the local headers and of the directory (they carry the CRC-32s). */
  readonly late: number[];
  /** Writes each file's CRC-32 (in the order of the files) into its two headers. */
  setCrcs(crcs: readonly number[]): void;
}

/** Lays out a stored zip of `files` with every CRC-32 field still zero. */
function layout(files: readonly StoredZipFile[]): StoredZipLayout {
  const chunks: Uint8Array[] = [];
  const late: number[] = [];
  const locals: Buffer[] = [];
  const entries: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const size = file.chunks.reduce((n, c) => n + c.byteLength, 0);
    const fixed = 30 + name.length;
    const pad = (ALIGN - ((offset + fixed + 4) % ALIGN)) % ALIGN;
    const local = Buffer.alloc(fixed + 4 + pad);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    // 14: CRC-32, set by setCrcs
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(4 + pad, 28);
    name.copy(local, 30);
    local.writeUInt16LE(PAD_ID, fixed);
    local.writeUInt16LE(pad, fixed + 2);
    const entry = Buffer.alloc(46 + name.length);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by
    local.copy(entry, 6, 4, 26); // version needed … sizes
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    name.copy(entry, 46);
    late.push(chunks.length);
    chunks.push(local, ...file.chunks);
    locals.push(local);
    entries.push(entry);
    offset += local.length + size;
  }
  const centralSize = entries.reduce((n, b) => n + b.length, 0);
  const directory = Buffer.alloc(centralSize + 22);
  let at = 0;
  for (const entry of entries) at += entry.copy(directory, at);
  directory.writeUInt32LE(0x06054b50, at);
  directory.writeUInt16LE(files.length, at + 8);
  directory.writeUInt16LE(files.length, at + 10);
  directory.writeUInt32LE(centralSize, at + 12);
  directory.writeUInt32LE(offset, at + 16);
  late.push(chunks.length);
  chunks.push(directory);
  const setCrcs = (crcs: readonly number[]): void => {
    let central = 0;
    locals.forEach((local, i) => {
      const crc = (crcs[i] ?? 0) >>> 0;
      local.writeUInt32LE(crc, 14);
      directory.writeUInt32LE(crc, central + 16);
      central += (entries[i] as Buffer).length;
    });
  };
  return { chunks, late, setCrcs };
}

/**
 * `crc` extended by `bytes`. Empty views are skipped: Node's `zlib.crc32` returns 0, not `crc`,
 * for an empty view of a zero-length buffer (its data pointer is null), which gave a wrong CRC-32
 * to an `.npz` holding an empty array (numpy: "Bad CRC-32").
 */
function crcUpdate(bytes: Uint8Array, crc: number): number {
  return bytes.byteLength === 0 ? crc : crc32(bytes, crc);
}

/** The CRC-32 of a file's chunks, computed at once. */
function crcOf(file: StoredZipFile): number {
  return file.chunks.reduce((crc, chunk) => crcUpdate(chunk, crc), 0);
}

/**
 * Builds a zip of stored (uncompressed) files as chunks to be written back to back, without
 * copying the files' data; CRC-32 is computed by Node's native zlib, here and now. @internal
 *
 * @remarks
 * Each entry's data starts at a multiple of 64 bytes (the local header carries a padding extra
 * field, as `zipalign` does), so a reader that keeps the archive in memory can view an `.npy`
 * entry's array in place. Every size and offset must stay below {@link STORED_ZIP_LIMIT}; the
 * caller uses another writer beyond that. {@link storedZipBody} gives the same bytes but
 * computes the CRC-32s later.
 */
export function storedZip(files: readonly StoredZipFile[]): Uint8Array[] {
  const zip = layout(files);
  zip.setCrcs(files.map(crcOf));
  return zip.chunks;
}

/**
 * The bytes of {@link storedZip} as a {@link LateChunks} body: the files' data can be written
 * at once, while `fill` computes the CRC-32s (in slices, giving the event loop a turn between
 * them) and writes them into the local headers and the central directory. @internal
 *
 * @remarks
 * The layout is the classic one (CRC-32 and sizes in each local header, no data descriptor), so
 * every zip reader accepts it; only the order in which the bytes are produced changes.
 */
export function storedZipBody(files: readonly StoredZipFile[]): LateChunks {
  const zip = layout(files);
  return lateChunks(zip.chunks, zip.late, async () => {
    const crcs: number[] = [];
    let sinceTurn = 0;
    for (const file of files) {
      let crc = 0;
      for (const chunk of file.chunks) {
        for (let at = 0; at < chunk.byteLength; at += CRC_SLICE_BYTES) {
          if (sinceTurn >= CRC_SLICE_BYTES) {
            await new Promise<void>((resolve) => setImmediate(resolve));
            sinceTurn = 0;
          }
          const slice = chunk.subarray(at, at + CRC_SLICE_BYTES);
          crc = crcUpdate(slice, crc);
          sinceTurn += slice.byteLength;
        }
      }
      crcs.push(crc);
    }
    zip.setCrcs(crcs);
  });
}
