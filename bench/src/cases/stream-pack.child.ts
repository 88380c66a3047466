/**
 * Child process of `stream_pack_peak_rss_mib`: packs (or plainly writes) one generated stream
 * and reports its RSS growth, so each measurement starts from a clean process.
 *
 * Usage (by the parent only): `node stream-pack.child.js <stowage|baseline> <bytes> <dir>`.
 */
import { createWriteStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { localPacker } from '../subjects/stowage';

/** RSS sampling interval. */
const SAMPLE_MS = 5;
/**
 * Chunk size of the generated stream: 64 KiB, what `fs.createReadStream` yields. (Fresh 1 MiB
 * chunks would each be a new mmap whose page faults dominate both sides on some VMs.)
 */
const CHUNK = 64 * 1024;

/** What the child reports to its parent. */
export interface StreamChildResult {
  readonly peakGrowthMiB: number;
  readonly hwmGrowthMiB: number | null;
  readonly samples: number;
  readonly ms: number;
  readonly bytes: number;
}

/** A stream of `bytes` bytes in fresh 64 KiB chunks, produced on demand (backpressure honoured). */
function generated(bytes: number): Readable {
  const template = Buffer.alloc(CHUNK);
  for (let i = 0; i < CHUNK; i += 1) template[i] = (i * 31) & 0xff;
  let left = bytes;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      if (left <= 0) {
        this.push(null);
        return;
      }
      const size = Math.min(CHUNK, left);
      left -= size;
      const chunk = Buffer.allocUnsafe(size);
      template.copy(chunk, 0, 0, size);
      this.push(chunk);
    },
  });
}

async function highWaterMarkBytes(): Promise<number | null> {
  try {
    const status = await readFile('/proc/self/status', 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const [mode, bytesArg, dir] = process.argv.slice(2);
  if ((mode !== 'stowage' && mode !== 'baseline') || bytesArg === undefined || dir === undefined) {
    throw new Error('usage: stream-pack.child.js <stowage|baseline> <bytes> <dir>');
  }
  const bytes = Number(bytesArg);
  let write: (stream: Readable) => Promise<unknown>;
  if (mode === 'stowage') {
    const packer = await localPacker(join(dir, 'store'));
    if ('missing' in packer) throw new Error(packer.missing);
    write = (stream) => packer.packStream(stream, 'stream');
  } else {
    write = async (stream) => {
      const file = join(dir, 'raw.bin');
      await pipeline(stream, createWriteStream(file));
      const handle = await open(file, 'r+');
      await handle.sync();
      await handle.close();
    };
  }
  const start = process.memoryUsage.rss();
  let peak = start;
  let samples = 0;
  const timer = setInterval(() => {
    samples += 1;
    peak = Math.max(peak, process.memoryUsage.rss());
  }, SAMPLE_MS);
  const t0 = process.hrtime.bigint();
  await write(generated(bytes));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  const hwm = await highWaterMarkBytes();
  const result: StreamChildResult = {
    peakGrowthMiB: (peak - start) / 2 ** 20,
    hwmGrowthMiB: hwm === null ? null : (hwm - start) / 2 ** 20,
    samples,
    ms,
    bytes,
  };
  process.send?.(result);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
