import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { handler, LocalStore, PackagersManager, run } from '@stowage/core';
import type { BenchCase } from '../bench-case';
import { countFsCalls, formatCounts } from '../baselines/fs-call-counter';
import { durableAtomicWrite } from '../baselines/raw-io';
import { interleave, ratioOutcome, timeMs } from '../harness';
import { smallDocument } from './small_artifacts_per_s.case';

/** Outputs the handler returns (issue 15: 50). */
const OUTPUTS = 50;

/**
 * `run_many_outputs`: `run()` of a handler returning 50 ~1 KB objects, each logged as a JSON `file`
 * artifact on a `LocalStore` (the run record, its start and end, included), vs 50 bare durable
 * atomic writes of the same JSON bytes one after another (temp + fsync + rename + folder fsync,
 * the promise a commit makes). The batch stages every output, then commits several at a time.
 * Target (issue 15): the run takes at most twice the bare writes' time (ratio bare ms ÷ run ms
 * at least 0.5).
 */
export const runManyOutputs: BenchCase = {
  id: 'run_many_outputs',
  title: 'run() of a handler returning 50 small JSON outputs vs 50 bare durable atomic writes',
  target: { on: 'ratio', op: '>=', value: 0.5 },
  async run(ctx) {
    const docs = Array.from({ length: OUTPUTS }, (_, i) => smallDocument(i));
    const texts = docs.map((d) => Buffer.from(JSON.stringify(d)));
    const returns = docs.map((_, i) => `doc-${i} : file[format=json]`);
    const job = handler(() => docs, { outputs: returns });
    const dir = await ctx.tempDir();
    let rep = 0;
    /** A fresh store per repetition (untimed), so every repetition writes new keys. */
    const freshStore = async (): Promise<{ root: string; manager: PackagersManager }> => {
      rep += 1;
      const root = join(dir, `store-${rep}`);
      return { root, manager: new PackagersManager({ store: new LocalStore({ root }) }) };
    };
    const runOnce = async (): Promise<number> => {
      const { root, manager } = await freshStore();
      let status = '';
      const ms = await timeMs(async () => {
        const record = await run(job, { manager });
        status = `${record.status}, ${record.artifacts.length} artifacts`;
      });
      await rm(root, { recursive: true, force: true });
      if (status !== `completed, ${OUTPUTS} artifacts`) throw new Error(`run ended ${status}`);
      return ms;
    };
    const bareOnce = async (): Promise<number> => {
      const raw = join(dir, 'raw');
      await rm(raw, { recursive: true, force: true });
      await mkdir(raw);
      return timeMs(async () => {
        for (let i = 0; i < OUTPUTS; i += 1)
          await durableAtomicWrite(join(raw, `doc-${i}.json`), texts[i]!);
      });
    };
    const samples = await interleave(runOnce, bareOnce, ctx.plan);
    const { root, manager } = await freshStore();
    const calls = await countFsCalls(async () => {
      await run(job, { manager });
    });
    await rm(root, { recursive: true, force: true });
    return {
      ...ratioOutcome(samples, 'ms', { inverse: true }),
      ratioMeaning:
        '50 bare durable atomic writes ms ÷ run() ms (1: as fast as writing the files by hand)',
      notes: [
        `${OUTPUTS} outputs of ~${texts[0]!.byteLength} B JSON; a fresh LocalStore per repetition (fsync on)`,
        `fs calls per output (untimed pass; the run record included): ${formatCounts(calls, OUTPUTS)}`,
      ],
    };
  },
};
