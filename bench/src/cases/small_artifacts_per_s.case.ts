import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchCase } from '../bench-case';
import { countFsCalls, formatCounts } from '../baselines/fs-call-counter';
import { atomicWrite, durableAtomicWrite } from '../baselines/raw-io';
import { interleave, ratioOutcome, repeat, timeMs, toOpsPerSecond } from '../harness';
import { localPacker } from '../subjects/stowage';

/** Artifacts packed per repetition (full run). */
const ARTIFACTS = 400;

/** A plain object whose JSON is about 1 KB. */
export function smallDocument(i: number): Record<string, unknown> {
  const doc: Record<string, unknown> = { id: i, kind: 'config', createdAt: '2026-01-01T00:00:00Z' };
  for (let f = 0; JSON.stringify(doc).length < 1000; f += 1) doc[`field${f}`] = `value-${i}-${f}`;
  return doc;
}

/**
 * `small_artifacts_per_s`: 1 KB JSON file artifacts packed per second on the local store vs bare
 * atomic writes of the same JSON bytes, one file per artifact, with the same durability promise:
 * once a call returns, its file survives a power loss. For the bare write that is temp + fsync +
 * rename + fsync of the folder (the rename is only durable once the folder is flushed); for
 * Stowage the commit flushes the data file, its folder and the record, renames the record into
 * place and flushes the records folder. Target (issue 15): at least half the bare rate. The bare
 * write without the folder fsync (which a power loss can undo) is reported beside it.
 */
export const smallArtifactsPerS: BenchCase = {
  id: 'small_artifacts_per_s',
  title: '1 KB JSON file artifacts per second on the local store vs bare atomic writes',
  target: { on: 'ratio', op: '>=', value: 0.5 },
  async run(ctx) {
    const count = Math.max(50, Math.round(ARTIFACTS * ctx.scale));
    const docs = Array.from({ length: count }, (_, i) => smallDocument(i));
    const texts = docs.map((d) => Buffer.from(JSON.stringify(d)));
    const dir = await ctx.tempDir();
    const packer = await localPacker(join(dir, 'store'));
    if ('missing' in packer) return { skipped: packer.missing };
    let rep = 0;
    const bareWrites =
      (write: (path: string, bytes: Uint8Array) => Promise<void>) => async (): Promise<number> => {
        const raw = join(dir, 'raw');
        await rm(raw, { recursive: true, force: true });
        await mkdir(raw);
        return timeMs(async () => {
          for (let i = 0; i < count; i += 1) await write(join(raw, `doc-${i}.json`), texts[i]!);
        });
      };
    const samples = await interleave(
      async () => {
        rep += 1;
        const refs: unknown[] = [];
        const ms = await timeMs(async () => {
          for (let i = 0; i < count; i += 1)
            refs.push(await packer.packJson(docs[i]!, `doc-${rep}-${i}`));
        });
        for (const ref of refs) await packer.remove(ref);
        return ms;
      },
      bareWrites(durableAtomicWrite),
      ctx.plan,
    );
    const undurable = await repeat(bareWrites(atomicWrite), ctx.plan);
    const counted = 20;
    const stowageCalls = await countFsCalls(async () => {
      for (let i = 0; i < counted; i += 1) await packer.packJson(docs[i]!, `counted-${i}`);
    });
    const baselineCalls = await countFsCalls(async () => {
      for (let i = 0; i < counted; i += 1)
        await durableAtomicWrite(join(dir, `counted-${i}.json`), texts[i]!);
    });
    const perSecond = { convert: (ms: readonly number[]) => toOpsPerSecond(count, ms) };
    const units = ['artifacts/s', 'writes/s'] as const;
    return {
      ...ratioOutcome(samples, units, perSecond),
      ratioMeaning:
        'Stowage artifacts/s ÷ bare durable atomic writes/s (temp + fsync + rename + folder fsync)',
      extra: [
        {
          id: 'vs_atomic_write_without_folder_fsync',
          ...ratioOutcome({ stowage: samples.stowage, baseline: undurable }, units, perSecond),
          ratioMeaning:
            'Stowage artifacts/s ÷ temp + fsync + rename writes/s (a power loss can undo the rename; measured after the pairs, not interleaved)',
        },
      ],
      notes: [
        `${count} artifacts of ~${texts[0]!.byteLength} B JSON per repetition, packed one after another`,
        `fs calls per artifact (untimed pass): Stowage ${formatCounts(stowageCalls, counted)}; ` +
          `bare ${formatCounts(baselineCalls, counted)}`,
        ...packer.notes,
      ],
    };
  },
};
