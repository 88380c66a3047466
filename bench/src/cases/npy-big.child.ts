/**
 * Child process of `npy_1gib`: one pack, unpack, bare write or bare read of a big Float64Array,
 * reporting its time and its peak RSS (VmHWM), so each measurement starts from a clean process.
 *
 * Usage (by the parent only): `node npy-big.child.js <mode> <bytes> <dir>`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeFloat64Array, npyFloat64Header } from '../baselines/npy-header';
import { writeAndSync } from '../baselines/raw-io';
import { localPacker } from '../subjects/stowage';

/** What the child does. */
export type BigMode = 'pack' | 'write' | 'unpack' | 'read';

/** What the child reports to its parent. */
export interface BigChildResult {
  readonly ms: number;
  /** Peak resident set (VmHWM) of the whole process, bytes. */
  readonly peakBytes: number;
}

async function peakBytes(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}

async function main(): Promise<void> {
  const [mode, bytesText, dir] = process.argv.slice(2) as [BigMode, string, string];
  const bytes = Number(bytesText);
  const packer = await localPacker(join(dir, 'store'));
  if ('missing' in packer) throw new Error(packer.missing);
  const rawFile = join(dir, 'raw.npy');
  let ms = 0;
  const timed = async (fn: () => Promise<unknown>): Promise<void> => {
    const start = process.hrtime.bigint();
    await fn();
    ms = Number(process.hrtime.bigint() - start) / 1e6;
  };
  if (mode === 'pack' || mode === 'write') {
    const array = makeFloat64Array(bytes);
    if (mode === 'pack') {
      let ref: unknown;
      await timed(async () => {
        ref = await packer.pack(array, 'big');
      });
      const { key, uri } = ref as { key: string; uri?: string };
      await writeFile(join(dir, 'ref.json'), JSON.stringify({ key, uri }));
    } else
      await timed(() =>
        writeAndSync(rawFile, [npyFloat64Header(array.length), new Uint8Array(array.buffer)]),
      );
  } else if (mode === 'unpack') {
    const ref = JSON.parse(await readFile(join(dir, 'ref.json'), 'utf8')) as unknown;
    await timed(async () => {
      const value = await packer.unpack(ref, Float64Array);
      if (!(value instanceof Float64Array) || value.byteLength !== bytes)
        throw new Error('unpacked value is not the packed array');
    });
  } else {
    await timed(() => readFile(rawFile));
  }
  const result: BigChildResult = { ms, peakBytes: await peakBytes() };
  process.send?.(result);
  await packer.close();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
