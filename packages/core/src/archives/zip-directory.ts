import type { FileHandle } from 'node:fs/promises';

/** One central-directory record of a zip, with the fields extraction needs. @internal */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly encrypted: boolean;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  /** Unix file type bits (`mode & 0o170000`) when the entry was made on Unix, else 0. */
  readonly unixType: number;
  readonly unixMode: number;
}

/** Where the central directory is. @internal */
export interface ZipDirectory {
  readonly offset: number;
  readonly size: number;
}

const WINDOW = 1024 * 1024;

/** Reads a file through a 1 MiB window, so small reads do not each cost a system call. @internal */
export class WindowReader {
  private start = 0;
  private window: Buffer = Buffer.alloc(0);

  constructor(
    readonly fh: FileHandle,
    readonly fileSize: number,
  ) {}

  /** `length` bytes at `position`. @throws Error past the end of the file. */
  async at(position: number, length: number): Promise<Buffer> {
    if (position < 0 || position + length > this.fileSize)
      throw new Error(`a zip record at ${position} lies outside the ${this.fileSize}-byte file`);
    if (position < this.start || position + length > this.start + this.window.length) {
      const size = Math.min(Math.max(length, WINDOW), this.fileSize - position);
      const buffer = Buffer.allocUnsafe(size);
      const { bytesRead } = await this.fh.read(buffer, 0, size, position);
      this.start = position;
      this.window = buffer.subarray(0, bytesRead);
      if (bytesRead < length) throw new Error('the zip file was cut short while reading');
    }
    return this.window.subarray(position - this.start, position - this.start + length);
  }
}

/** Finds the central directory from the end records (zip64 included). @internal */
export async function findZipDirectory(reader: WindowReader): Promise<ZipDirectory> {
  const tailLength = Math.min(reader.fileSize, 22 + 65535);
  const tail = await reader.at(reader.fileSize - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50 && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('no end-of-central-directory record (not a zip, or cut short)');
  const endAt = reader.fileSize - tailLength + end;
  let size = tail.readUInt32LE(end + 12);
  let offset = tail.readUInt32LE(end + 16);
  if ((size === 0xffffffff || offset === 0xffffffff) && endAt >= 20) {
    const locator = await reader.at(endAt - 20, 20);
    if (locator.readUInt32LE(0) === 0x07064b50) {
      const record = await reader.at(Number(locator.readBigUInt64LE(8)), 56);
      if (record.readUInt32LE(0) !== 0x06064b50) throw new Error('a bad zip64 end record');
      size = Number(record.readBigUInt64LE(40));
      offset = Number(record.readBigUInt64LE(48));
    }
  }
  if (offset + size > endAt) throw new Error('the central directory overlaps its end record');
  return { offset, size };
}

/** The records of the central directory, in order (the entry count field is not trusted). @internal */
export async function* centralRecords(
  reader: WindowReader,
  directory: ZipDirectory,
): AsyncGenerator<ZipEntry> {
  const end = directory.offset + directory.size;
  let at = directory.offset;
  while (at < end) {
    const head = await reader.at(at, 46);
    if (head.readUInt32LE(0) !== 0x02014b50) throw new Error(`no central record at ${at}`);
    const madeBy = head.readUInt16LE(4);
    const flags = head.readUInt16LE(8);
    const nameLength = head.readUInt16LE(28);
    const extraLength = head.readUInt16LE(30);
    const commentLength = head.readUInt16LE(32);
    const external = head.readUInt32LE(38);
    const rest = await reader.at(at + 46, nameLength + extraLength);
    const name = rest.subarray(0, nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1');
    const sizes = zip64Sizes(rest.subarray(nameLength), {
      size: head.readUInt32LE(24),
      compressedSize: head.readUInt32LE(20),
      localOffset: head.readUInt32LE(42),
    });
    const unixMode = madeBy >> 8 === 3 ? external >>> 16 : 0;
    yield {
      name,
      method: head.readUInt16LE(10),
      encrypted: (flags & 1) !== 0,
      crc: head.readUInt32LE(16),
      ...sizes,
      unixType: unixMode & 0o170000,
      unixMode,
    };
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (at !== end) throw new Error('the central directory does not end where its record says');
}

type Sizes = { size: number; compressedSize: number; localOffset: number };

function zip64Sizes(extra: Buffer, sizes: Sizes): Sizes {
  const out = { ...sizes };
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      for (const key of ['size', 'compressedSize', 'localOffset'] as const) {
        if (out[key] !== 0xffffffff) continue;
        if (field + 8 > at + 4 + length) throw new Error('a short zip64 extra field');
        out[key] = Number(extra.readBigUInt64LE(field));
        field += 8;
      }
    }
    at += 4 + length;
  }
  return out;
}
