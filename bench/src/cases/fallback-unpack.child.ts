/**
 * Child process of `fallback_unpack_peak_rss`: unpacks one object-fallback artifact (or plainly
 * reads its file) and reports how far its RSS rose above where it stood just before, so each
 * measurement starts from a clean process.
 *
 * Usage (by the parent only):
 * `node fallback-unpack.child.js <stowage|baseline> <store root> <target> <warm-up target>`, where a
 * target is an artifact URI for `stowage` and the artifact's `.cbor` file for `baseline`.
 */
import { readFile } from 'node:fs/promises';
import { LocalStore, PackagersManager } from '@stowage/core';
import { collectGarbage } from '../harness';

/** RSS sampling interval. */
const SAMPLE_MS = 2;

/** What the child reports to its parent. */
export interface UnpackChildResult {
  /** RSS just before the measured step (after a warm-up and a full GC). */
  readonly rssBefore: number;
  /** The highest RSS seen: `process.resourceUsage().maxRSS` or a 2 ms sample, whichever is higher. */
  readonly peak: number;
  /** `peak - rssBefore`: what the step added. */
  readonly growth: number;
  readonly ms: number;
}

async function main(): Promise<void> {
  const [mode, root, target, warmTarget] = process.argv.slice(2);
  if (
    (mode !== 'stowage' && mode !== 'baseline') ||
    root === undefined ||
    target === undefined ||
    warmTarget === undefined
  ) {
    throw new Error('usage: fallback-unpack.child.js <stowage|baseline> <root> <target> <warm>');
  }
  const manager = new PackagersManager({ store: new LocalStore({ root }) });
  const repository = manager.repository!;
  const step = async (what: string): Promise<unknown> =>
    mode === 'stowage' ? manager.unpack(await repository.open(what)) : readFile(what);
  // Warm-up: load the code paths on a small artifact of the same shape (the bare side reads it).
  await step(warmTarget);
  collectGarbage();
  const rssBefore = process.memoryUsage.rss();
  let sampled = rssBefore;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage.rss());
  }, SAMPLE_MS);
  const t0 = process.hrtime.bigint();
  const value = await step(target);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  clearInterval(timer);
  sampled = Math.max(sampled, process.memoryUsage.rss());
  const maxRss = process.resourceUsage().maxRSS * 1024;
  if (value === undefined || value === null) throw new Error('nothing was unpacked');
  const peak = Math.max(sampled, maxRss);
  const result: UnpackChildResult = { rssBefore, peak, growth: peak - rssBefore, ms };
  process.send?.(result);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
