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
 * The best ratio a hash-verified transfer can reach against the bare transfer at `bareMBps`,
 * with hashing and I/O overlapped on two free cores (`min(1, sha / bare)`), and on one core
 * (`1 / (1 + bare / sha)`), as text for a case's `bound`.
 */
export function hashBound(bareMBps: number): string {
  const { sha256MBps } = machineThroughput();
  const overlapped = Math.min(1, sha256MBps / bareMBps);
  const serial = 1 / (1 + bareMBps / sha256MBps);
  return (
    `sha256 ${sha256MBps.toFixed(0)} MB/s vs bare ${bareMBps.toFixed(0)} MB/s: ratio ≤ ` +
    `${overlapped.toFixed(2)} with hashing overlapped on a free core, ≤ ${serial.toFixed(2)} when it is not`
  );
}
