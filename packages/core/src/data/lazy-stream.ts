import { Readable } from 'node:stream';

/** Turns the chunks of a source into the chunks a {@link lazyStream} emits (checks, counts…). */
export type ChunkPipe = (chunks: AsyncIterable<Buffer>) => AsyncIterable<Buffer>;

const passThrough: ChunkPipe = (chunks) => chunks;

/**
 * Wraps `source` so that nothing is read, and no error is emitted, before the consumer reads.
 *
 * @remarks
 * A stream that fails before its consumer has attached an `'error'` listener would crash the
 * process (Node treats an `'error'` event nobody listens to as an uncaught exception). The
 * wrapper reads `source` only when it is read itself, keeps any error the source reports in the
 * meantime, and delivers it on the first read; so a consumer that starts reading late (after
 * some `await`s, timers or I/O) still receives every error, through its own `'error'` listener,
 * `pipeline()` or `for await`. Destroying the wrapper destroys the source.
 *
 * @param pipe - Transforms the chunks on their way (an async generator; what it throws is the
 * stream's error).
 */
export function lazyStream(source: Readable, pipe: ChunkPipe = passThrough): Readable {
  let early: unknown;
  let failed = false;
  // Stays attached for good: a source may report an error even after it was destroyed.
  source.on('error', (error: unknown) => {
    if (failed) return;
    failed = true;
    early = error;
  });
  async function* chunks(): AsyncGenerator<Buffer> {
    if (failed) throw early;
    yield* pipe(source as AsyncIterable<Buffer>);
  }
  const out = Readable.from(chunks(), {
    objectMode: false,
    highWaterMark: source.readableHighWaterMark,
  });
  out.once('close', () => source.destroy());
  return out;
}
