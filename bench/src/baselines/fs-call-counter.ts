import { promises as fs } from 'node:fs';

type Counts = Record<string, number>;

const PROMISE_API = [
  'open',
  'rename',
  'mkdir',
  'stat',
  'lstat',
  'unlink',
  'rmdir',
  'readdir',
  'readFile',
  'writeFile',
  'rm',
  'access',
  'fsync',
] as const;
const HANDLE_API = [
  'write',
  'writev',
  'read',
  'readv',
  'sync',
  'datasync',
  'close',
  'stat',
  'writeFile',
  'readFile',
] as const;

/**
 * Runs `fn` with `fs.promises` functions and `FileHandle` methods wrapped to count calls, then
 * restores them; returns the counts by name (`open`, `handle.writev`, …).
 *
 * @remarks
 * For explaining small-artifact throughput, where each threadpool round trip costs about as much
 * as the bytes. Used in an untimed pass only: the wrappers cost a little themselves. Calls made
 * through the callback or sync APIs are not counted.
 */
export async function countFsCalls(fn: () => Promise<void>): Promise<Counts> {
  const counts: Counts = {};
  const restore: Array<() => void> = [];
  const wrap = (target: Record<string, unknown>, name: string, label: string): void => {
    const original = target[name];
    if (typeof original !== 'function') return;
    target[name] = function (this: unknown, ...args: unknown[]): unknown {
      counts[label] = (counts[label] ?? 0) + 1;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    restore.push(() => {
      target[name] = original;
    });
  };
  const probe = await fs.open(__filename, 'r');
  const handleProto = Object.getPrototypeOf(probe) as Record<string, unknown>;
  await probe.close();
  for (const name of PROMISE_API) wrap(fs, name, name);
  // FileHandle#close is an own arrow-function property of each handle, so count it per handle.
  const countingOpen = (fs as unknown as Record<string, unknown>)['open'] as (
    ...a: unknown[]
  ) => Promise<Record<string, unknown>>;
  (fs as unknown as Record<string, unknown>)['open'] = async (...args: unknown[]) => {
    const handle = await countingOpen(...args);
    const close = handle['close'] as () => Promise<void>;
    handle['close'] = () => {
      counts['handle.close'] = (counts['handle.close'] ?? 0) + 1;
      return close();
    };
    return handle;
  };
  for (const name of HANDLE_API) wrap(handleProto, name, `handle.${name}`);
  try {
    await fn();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
  return counts;
}

/** `{open: 6, 'handle.sync': 3}` divided by `per` and shown as `open 2, handle.sync 1`. */
export function formatCounts(counts: Counts, per: number): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0) / per;
  const parts = Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${Number((n / per).toFixed(2))}`);
  return `${Number(total.toFixed(2))} calls (${parts.join(', ')})`;
}
