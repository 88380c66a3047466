import { pipeline, Readable, Transform } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { LimitCounter } from './archive-limits';
import { openWalked, sourceChanged, type WalkEntry } from './directory-walk';
import { tarHeaderBlocks, tarPadding } from './tar-writer';

/**
 * Streams a plain tar of the listed entries: each file is opened without following links, must
 * be the file that was listed, and must still have its listed size.
 */
async function* plainTar(entries: readonly WalkEntry[]): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    const dir = entry.kind === 'dir';
    const mode = dir || (entry.mode & 0o111) !== 0 ? 0o755 : 0o644;
    yield tarHeaderBlocks({ name: entry.name, dir, size: entry.size, mode, mtime: entry.mtime });
    if (dir) continue;
    let left = entry.size;
    for await (const chunk of await openWalked(entry)) {
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
 * Gzip runs off the main thread. Before each gzip chunk is handed on, the tar bytes fed in so
 * far are checked against the ratio limit over the bytes emitted before it, so a tar.gz this
 * stream completes is one the reader accepts.
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
  let raw = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      raw += chunk.length;
      done(null, chunk);
    },
  });
  const gz = pipeline(
    Readable.from(plainTar(entries)),
    count,
    createGzip({ level: 6 }),
    () => undefined,
  );
  let emitted = 0;
  try {
    for await (const chunk of gz as AsyncIterable<Buffer>) {
      counter.checkRatio(raw, emitted);
      emitted += chunk.length;
      yield chunk;
    }
  } finally {
    gz.destroy();
  }
}
