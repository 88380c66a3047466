import { crc32 } from 'node:zlib';

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

/**
 * Builds a zip of stored (uncompressed) files as chunks to be written back to back, without
 * copying the files' data; CRC-32 is computed by Node's native zlib. @internal
 *
 * @remarks
 * Each entry's data starts at a multiple of 64 bytes (the local header carries a padding extra
 * field, as `zipalign` does), so a reader that keeps the archive in memory can view an `.npy`
 * entry's array in place. Every size and offset must stay below {@link STORED_ZIP_LIMIT}; the
 * caller uses another writer beyond that.
 */
export function storedZip(files: readonly StoredZipFile[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    let crc = 0;
    let size = 0;
    for (const chunk of file.chunks) {
      crc = crc32(chunk, crc);
      size += chunk.byteLength;
    }
    const fixed = 30 + name.length;
    const pad = (ALIGN - ((offset + fixed + 4) % ALIGN)) % ALIGN;
    const local = Buffer.alloc(fixed + 4 + pad);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    local.writeUInt32LE(crc >>> 0, 14);
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
    central.push(entry);
    out.push(local, ...file.chunks);
    offset += local.length + size;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  out.push(...central, end);
  return out;
}
