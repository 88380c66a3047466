import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/** Calls by name: `open`, `mkdir`, `handle.sync`, … */
export type FsCallCounts = Record<string, number>;

/**
 * Runs `fn` with every `fs.promises` function and `FileHandle` method counting its calls, then
 * restores them; returns the counts by name (`handle.` prefix for handle methods).
 *
 * @remarks
 * Counts operations, not time, so a test can prove a write path stays cheap without a clock.
 * Calls made through the callback or sync APIs are not seen.
 */
export async function countFsCalls(fn: () => Promise<unknown>): Promise<FsCallCounts> {
  const counts: FsCallCounts = {};
  const probe = await fs.open(__filename, 'r');
  const handleProto = Object.getPrototypeOf(probe) as Record<string, unknown>;
  await probe.close();
  const spies: jest.SpyInstance[] = [];
  const spy = (target: Record<string, unknown>, name: string, label: string): void => {
    if (typeof target[name] !== 'function' || name === 'constructor') return;
    const original = target[name] as (...args: unknown[]) => unknown;
    spies.push(
      jest
        .spyOn(target as Record<string, (...args: unknown[]) => unknown>, name)
        .mockImplementation(function (this: unknown, ...args: unknown[]) {
          counts[label] = (counts[label] ?? 0) + 1;
          return original.apply(this, args);
        }),
    );
  };
  const promises = fs as unknown as Record<string, unknown>;
  for (const name of Object.keys(promises)) if (name !== 'open') spy(promises, name, name);
  // A handle's `close` is its own property, not the prototype's: count it on each opened handle.
  const open = fs.open.bind(fs) as (...args: unknown[]) => Promise<FileHandle>;
  spies.push(
    jest.spyOn(fs, 'open').mockImplementation(async (...args: unknown[]) => {
      counts['open'] = (counts['open'] ?? 0) + 1;
      const handle = await open(...args);
      const close = handle.close.bind(handle);
      handle.close = () => {
        counts['handle.close'] = (counts['handle.close'] ?? 0) + 1;
        return close();
      };
      return handle;
    }),
  );
  for (const name of Object.getOwnPropertyNames(handleProto))
    if (Object.getOwnPropertyDescriptor(handleProto, name)?.get === undefined)
      spy(handleProto, name, `handle.${name}`);
  try {
    await fn();
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return counts;
}

/** The total of all counts. */
export function totalCalls(counts: FsCallCounts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
