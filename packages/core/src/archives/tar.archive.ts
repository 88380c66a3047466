import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { LimitCounter } from './archive-limits';
import { sourceChanged, type WalkEntry } from './directory-walk';
import { loadEntries } from './walk-reader';
import { tarHeaderBlocks, tarPadding } from './tar-writer';

/**
 * Streams a plain tar of the listed entries: each file is opened without following links, must
 * be the file that was listed, and must still have its listed size.
 */
async function* plainTar(entries: readonly WalkEntry[]): AsyncGenerator<Buffer> {
  for await (const { entry, chunks } of loadEntries(entries)) {
    const dir = entry.kind === 'dir';
    const mode = dir || (entry.mode & 0o111) !== 0 ? 0o755 : 0o644;
    yield tarHeaderBlocks({ name: entry.name, dir, size: entry.size, mode, mtime: entry.mtime });
    if (dir) continue;
    let left = entry.size;
    for await (const chunk of chunks) {
      if (chunk.length > left) throw sourceChanged(entry);
      left -= chunk.length;
      yield chunk;
    }
    if (left !== 0) throw sourceChanged(entry);
    yield tarPadding(entry.size);
  }
  yield Buffer.alloc(1024);
}

/**
 * Streams a tar (or tar.gz) archive of the listed entries.
 *
 * @remarks
 * Gzip runs off the main thread. Each gzip chunk is tagged with the tar bytes the engine had
 * consumed when it produced it; before the chunk is handed on, that count is checked against the
 * ratio limit over the bytes emitted before it, so a tar.gz this stream completes is one the
 * reader accepts.
 */
export async function* tarEntries(
  entries: readonly WalkEntry[],
  gzip: boolean,
  counter: LimitCounter,
): AsyncGenerator<Uint8Array> {
  if (!gzip) {
    yield* plainTar(entries);
    return;
  }
  const gz = createGzip({ level: 6 });
  const out: { chunk: Buffer; raw: number }[] = [];
  let failure: Error | undefined;
  gz.on('data', (chunk: Buffer) => out.push({ chunk, raw: gz.bytesWritten }));
  gz.on('error', (e) => (failure ??= e));
  const ended = once(gz, 'end');
  ended.catch(() => undefined);
  let emitted = 0;
  const drain = function* (): Generator<Buffer> {
    if (failure !== undefined) throw failure;
    for (let next = out.shift(); next !== undefined; next = out.shift()) {
      counter.checkRatio(next.raw, emitted);
      emitted += next.chunk.length;
      yield next.chunk;
    }
  };
  try {
    for await (const piece of plainTar(entries)) {
      await new Promise<void>((done, fail) => gz.write(piece, (e) => (e ? fail(e) : done())));
      yield* drain();
    }
    gz.end();
    await ended;
    yield* drain();
  } finally {
    gz.destroy();
  }
}
