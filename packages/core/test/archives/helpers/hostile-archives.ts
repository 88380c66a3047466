import { readdirSync, readFileSync, readlinkSync, lstatSync } from 'node:fs';
import { join, relative } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** One tar entry to craft by hand. */
export interface TarSpec {
  readonly name: string;
  /** Type flag: `0` file (default), `5` folder, `1` hard link, `2` symlink, `3` char device, `x` pax. */
  readonly type?: string;
  readonly data?: Buffer | string;
  readonly linkName?: string;
  /** Size written in the header (default: the data's length). */
  readonly size?: number;
  readonly mode?: number;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** A 512-byte ustar header with a correct checksum. */
export function tarHeader(spec: TarSpec): Buffer {
  const block = Buffer.alloc(512);
  const data = Buffer.from(spec.data ?? '');
  block.write(spec.name, 0, 100, 'utf8');
  block.write(octal(spec.mode ?? 0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(spec.size ?? data.length, 12), 124, 'ascii');
  block.write(octal(0, 12), 136, 'ascii');
  block.write(spec.type ?? '0', 156, 'ascii');
  block.write(spec.linkName ?? '', 157, 100, 'utf8');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.fill(32, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/** A tar archive of hand-made entries, with the two zero blocks at the end. */
export function tarArchive(specs: readonly TarSpec[]): Buffer {
  const parts: Buffer[] = [];
  for (const spec of specs) {
    const data = Buffer.from(spec.data ?? '');
    parts.push(tarHeader(spec), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** One zip entry to craft by hand. */
export interface ZipSpec {
  readonly name: string;
  /** The uncompressed content (deflated when `method` is 8, the default for files). */
  readonly data?: Buffer | string;
  /** Bytes stored as the entry's data as they are (for bombs and broken streams). */
  readonly raw?: Buffer;
  readonly method?: number;
  /** Header fields to lie in. */
  readonly size?: number;
  readonly crc?: number;
  /** Unix mode stored in the external attributes (made-by Unix). */
  readonly unixMode?: number;
  /** Point the central record at this local-header offset instead of the real one. */
  readonly localOffset?: number;
}

/** A zip built by hand: local headers, central directory, end record. */
export function zipArchive(specs: readonly ZipSpec[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const spec of specs) {
    const plain = Buffer.from(spec.data ?? '');
    const method = spec.method ?? (spec.raw !== undefined || plain.length > 0 ? 8 : 0);
    const stored = spec.raw ?? (method === 8 ? deflateRawSync(plain) : plain);
    const name = Buffer.from(spec.name, 'utf8');
    const crc = spec.crc ?? crc32(plain);
    const size = spec.size ?? plain.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(spec.unixMode === undefined ? 20 : (3 << 8) | 20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x800, 8);
    record.writeUInt16LE(method, 10);
    record.writeUInt32LE(crc >>> 0, 16);
    record.writeUInt32LE(stored.length, 20);
    record.writeUInt32LE(size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(((spec.unixMode ?? 0) << 16) >>> 0, 38);
    record.writeUInt32LE(spec.localOffset ?? offset, 42);
    locals.push(local, name, stored);
    central.push(record, name);
    offset += 30 + name.length + stored.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(specs.length & 0xffff, 8);
  end.writeUInt16LE(specs.length & 0xffff, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A raw deflate stream of `mib` MiB of zeros made by repeating one independent 1 MiB block (about
 * 1 KiB each), so a GiB bomb costs about 1 MiB to build and hold.
 */
export function zeroDeflate(mib: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mib }, () => block), Buffer.from([0x03, 0x00])]);
}

/** Every path under `root` (folders end with `/`, links show their target), with file text. */
export function tree(root: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      const rel = relative(root, full);
      if (lstatSync(full).isSymbolicLink()) out[`${rel} ->`] = readlinkSync(full);
      else if (e.isDirectory()) {
        out[`${rel}/`] = null;
        walk(full);
      } else out[rel] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}

/** All chunks of a body in one buffer. */
export async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of body) parts.push(c);
  return Buffer.concat(parts);
}

/**
 * Watches the event loop while something runs: `delay` is the longest a 5 ms timer drifted (for
 * the notes: it grows with the machine's load), `turns` how many times that timer fired (a task
 * that blocks the loop until it ends lets it fire once at most, whatever the load).
 */
export function eventLoopProbe(): { stop(): { delay: number; turns: number } } {
  let last = performance.now();
  let worst = 0;
  let turns = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
    turns++;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return { delay: worst, turns };
    },
  };
}
