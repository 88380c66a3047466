import { open, rename } from 'node:fs/promises';

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

/** Writes `bytes` durably under a temporary name and renames it into place (temp + fsync + rename). */
export async function atomicWrite(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeAndSync(temp, [bytes]);
  await rename(temp, path);
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
