/**
 * Reads exact byte counts from a stream of chunks, holding at most one chunk plus the bytes
 * asked for. @internal
 */
export class ChunkReader {
  private buffer: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  /** Exactly `n` bytes, or `undefined` at a clean end before any; throws when cut short. */
  async exact(n: number): Promise<Buffer | undefined> {
    while (this.buffer.length < n) {
      const next = await this.pull();
      if (next === undefined) {
        if (this.buffer.length === 0) return undefined;
        throw new Error(`the archive ends inside a ${n}-byte block`);
      }
      this.buffer = this.buffer.length === 0 ? next : Buffer.concat([this.buffer, next]);
    }
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }

  /** The next `n` bytes in pieces as they arrive; throws when the stream ends first. */
  async *take(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.buffer.length === 0) {
        const next = await this.pull();
        if (next === undefined)
          throw new Error(`the archive ends ${left} bytes before an entry does`);
        this.buffer = next;
      }
      const piece = this.buffer.subarray(0, Math.min(left, this.buffer.length));
      this.buffer = this.buffer.subarray(piece.length);
      left -= piece.length;
      yield piece;
    }
  }

  /** Skips `n` bytes. */
  async skip(n: number): Promise<void> {
    for await (const piece of this.take(n)) void piece;
  }

  private async pull(): Promise<Buffer | undefined> {
    if (this.ended) return undefined;
    const next = await this.chunks.next();
    if (next.done === true) {
      this.ended = true;
      return undefined;
    }
    return next.value;
  }
}
