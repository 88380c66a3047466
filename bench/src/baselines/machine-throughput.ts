import { createHash } from 'node:crypto';

/** What this machine does per second on one core: the figures the array cases are bounded by. */
export interface MachineThroughput {
  /** sha256 of an in-memory buffer, MB/s (10^6 B/s). */
  readonly sha256MBps: number;
  /** Copying between two buffers already paged in, MB/s. */
  readonly memcpyMBps: number;
}

const PROBE_BYTES = 64 * 2 ** 20;

function bestOf(runs: number, fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return PROBE_BYTES / 1e6 / (best / 1e3);
}

let measured: MachineThroughput | undefined;

/**
 * Measures sha256 and memcpy throughput once per process (best of 3 over 64 MiB; both buffers
 * are touched first so page faults are not counted).
 */
export function machineThroughput(): MachineThroughput {
  if (measured !== undefined) return measured;
  const source = Buffer.alloc(PROBE_BYTES, 0x5a);
  const target = Buffer.alloc(PROBE_BYTES);
  measured = {
    sha256MBps: bestOf(3, () => createHash('sha256').update(source).digest()),
    memcpyMBps: bestOf(3, () => source.copy(target)),
  };
  return measured;
}

/**
 * What hashing allows a hash-verified transfer against the bare transfer at `bareMBps`: with
 * hashing overlapped with the I/O on a second free core, a ratio up to `sha / bare`; on one core,
 * `1 / (1 + bare / sha)`. As text for a case's `bound`.
 *
 * @remarks
 * Not a cap of 1: a pack that overlaps copying into the page cache with flushing to the disk
 * (see `EarlyFlush` in `@stowage/core`) can beat a bare write + fsync, which does one after the
 * other.
 */
export function hashBound(bareMBps: number): string {
  const { sha256MBps } = machineThroughput();
  const overlapped = sha256MBps / bareMBps;
  const serial = 1 / (1 + bareMBps / sha256MBps);
  return (
    `sha256 ${sha256MBps.toFixed(0)} MB/s vs bare ${bareMBps.toFixed(0)} MB/s: hashing allows a ratio up to ` +
    `${overlapped.toFixed(2)} overlapped with the I/O on a free core, ${serial.toFixed(2)} when it is not`
  );
}
