/** Brand of a {@link LateChunks} body. */
const LATE = Symbol.for('stowage.lateChunks');

/**
 * In-memory bytes written back to back, some of whose chunks (small headers) are only filled in
 * by {@link LateChunks.fill}: the rest can be written while those are computed. @internal
 *
 * @remarks
 * Every chunk already has its final length, so each one's position in the file is known before
 * `fill` runs. A `.npz` is built this way: its zip headers carry the CRC-32 of the arrays they
 * precede, computed by `fill` while the arrays are already on their way to the file (see
 * `writeBodyToHandle`). Read as an async iterable (any store accepts it as a stream body), it
 * fills first and then yields its chunks. Never read a chunk listed in `late` before `fill` has
 * resolved.
 */
export interface LateChunks extends AsyncIterable<Uint8Array> {
  readonly [LATE]: true;
  /** Every chunk in order; those in `late` hold zeros until `fill` resolves. */
  readonly chunks: readonly Uint8Array[];
  /** Indexes in `chunks` of the chunks filled in by `fill`, in increasing order. */
  readonly late: readonly number[];
  /** Fills in the late chunks (once: later calls return the same promise). */
  fill(): Promise<void>;
}

/** A {@link LateChunks} body over `chunks`, whose chunks `late` are written by `fill`. @internal */
export function lateChunks(
  chunks: readonly Uint8Array[],
  late: readonly number[],
  fill: () => Promise<void>,
): LateChunks {
  let filled: Promise<void> | undefined;
  const once = (): Promise<void> => (filled ??= fill());
  return {
    [LATE]: true,
    chunks,
    late,
    fill: once,
    async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
      await once();
      yield* chunks;
    },
  };
}

/** True when `body` is a {@link LateChunks} body. @internal */
export function isLateChunks(body: unknown): body is LateChunks {
  return typeof body === 'object' && body !== null && (body as Partial<LateChunks>)[LATE] === true;
}

/** Fills `body` and returns its chunks, for writers that need every byte up front. @internal */
export async function filledChunks(body: LateChunks): Promise<readonly Uint8Array[]> {
  await body.fill();
  return body.chunks;
}
