/** One entry of a zip's central directory, located in the archive's bytes. @internal */
export interface ZipEntry {
  readonly name: string;
  /** 0 (stored) or 8 (deflate). */
  readonly method: number;
  /** Where the entry's (compressed) data starts in the archive. */
  readonly dataOffset: number;
  readonly compressedSize: number;
  readonly size: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

/**
 * A zip64 extra field's values (between `start` and `end` of a central directory entry) that
 * replace its 32-bit fields set to 0xFFFFFFFF, in order. @internal
 */
export function zip64Values(view: DataView, start: number, end: number): number[] {
  for (let p = start; p + 4 <= end;) {
    const id = view.getUint16(p, true);
    const len = view.getUint16(p + 2, true);
    if (id === 1) {
      const values: number[] = [];
      for (let q = p + 4; q + 8 <= p + 4 + len; q += 8)
        values.push(Number(view.getBigUint64(q, true)));
      return values;
    }
    p += 4 + len;
  }
  return [];
}

/**
 * Lists a zip's entries from its central directory (zip64 included) without copying any data,
 * so stored entries can be read as views of the archive. @internal
 *
 * @throws RangeError when the bytes are not a well-formed zip (callers wrap it in their error).
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let e = bytes.length - 22;
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  while (e >= stop && view.getUint32(e, true) !== EOCD) e--;
  if (e < stop) throw new RangeError('no end of central directory record');
  let count = view.getUint16(e + 10, true);
  let offset = view.getUint32(e + 16, true);
  if (e >= 20 && view.getUint32(e - 20, true) === EOCD64_LOCATOR) {
    const eocd64 = Number(view.getBigUint64(e - 12, true));
    count = Number(view.getBigUint64(eocd64 + 32, true));
    offset = Number(view.getBigUint64(eocd64 + 48, true));
  }
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(offset, true) !== CENTRAL) throw new RangeError('bad central directory');
    const method = view.getUint16(offset + 10, true);
    let compressedSize = view.getUint32(offset + 20, true);
    let size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    let local = view.getUint32(offset + 42, true);
    const nameStart = offset + 46;
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + nameStart, nameLength).toString();
    const wide = zip64Values(view, nameStart + nameLength, nameStart + nameLength + extraLength);
    if (size === MAX32) size = wide.shift() ?? size;
    if (compressedSize === MAX32) compressedSize = wide.shift() ?? compressedSize;
    if (local === MAX32) local = wide.shift() ?? local;
    if (view.getUint32(local, true) !== LOCAL) throw new RangeError('bad local header');
    const dataOffset =
      local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (dataOffset + compressedSize > bytes.length) throw new RangeError('entry past the end');
    entries.push({ name, method, dataOffset, compressedSize, size });
    offset = nameStart + nameLength + extraLength + commentLength;
  }
  return entries;
}
