import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes `chunks` back to back with one vectored write, then fsyncs and closes: the floor for
 * writing bytes durably.
 */
export async function writeAndSync(path: string, chunks: readonly Uint8Array[]): Promise<void> {
  const handle = await open(path, 'w');
  try {
    let pending = chunks.filter((c) => c.byteLength > 0);
    while (pending.length > 0) {
      const { bytesWritten } = await handle.writev(pending);
      pending = skipBytes(pending, bytesWritten);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `bytes` under a temporary name, fsyncs them and renames the file into place (temp +
 * fsync + rename): readers never see a partial file, but a power loss may still lose the rename.
 */
export async function atomicWrite(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeAndSync(temp, [bytes]);
  await rename(temp, path);
}

/**
 * {@link atomicWrite}, then an fsync of the folder: the file survives a power loss once this
 * returns. The same promise a `LocalStore` put and a Stowage commit make.
 */
export async function durableAtomicWrite(path: string, bytes: Uint8Array): Promise<void> {
  await atomicWrite(path, bytes);
  const folder = await open(dirname(path), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/** Drops the first `count` bytes of a list of chunks (after a short vectored write). */
function skipBytes(chunks: readonly Uint8Array[], count: number): Uint8Array[] {
  const rest: Uint8Array[] = [];
  let left = count;
  for (const chunk of chunks) {
    if (left >= chunk.byteLength) {
      left -= chunk.byteLength;
      continue;
    }
    rest.push(left > 0 ? chunk.subarray(left) : chunk);
    left = 0;
  }
  return rest;
}

/**
 * Reads a whole file into one buffer sized from `fstat`, asking for all of it in each read call:
 * the fastest bare read (Node's `readFile` reads 512 KiB per call).
 */
export async function readWhole(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
