import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalStore, PackagersManager } from '@stowage/core';
import { storedFilePath } from '@stowage/core/internal';
import { type BenchCase, scaled } from '../bench-case';
import { runChild } from './child-run';
import { interleave, ratioOutcome } from '../harness';
import type { UnpackChildResult } from './fallback-unpack.child';

/** Payload size of the full run: 256 MiB of typed-array data (what issue 15 measured). */
const PAYLOAD_BYTES = 256 * 2 ** 20;
/** Layers of the checkpoint-like payload. */
const LAYERS = 8;

/**
 * A checkpoint-like value for the object fallback: metadata, a training history, and `LAYERS`
 * layers each holding a `Float64Array` of weights and a `Float32Array` of biases, `bytes` in all.
 */
export function checkpoint(bytes: number): Record<string, unknown> {
  const perLayer = Math.floor(bytes / LAYERS / 8);
  const layers = Array.from({ length: LAYERS }, (_, l) => {
    const weights = new Float64Array(perLayer - 128);
    for (let i = 0; i < weights.length; i += 1024) weights[i] = Math.sin(i + l);
    const bias = new Float32Array(256).map((_, i) => i / 256);
    return { name: `layer-${l}`, shape: [weights.length], weights, bias };
  });
  return {
    name: 'bench-checkpoint',
    savedAt: new Date(Date.UTC(2026, 0, 1)),
    history: Array.from({ length: 1000 }, (_, i) => ({ epoch: i, loss: 1 / (i + 1) })),
    layers,
  };
}

/** Runs one child and returns what it reported. */
const runUnpackChild = (args: readonly string[]): Promise<UnpackChildResult> =>
  runChild<UnpackChildResult>('fallback-unpack.child.js', args);

/**
 * `fallback_unpack_peak_rss`: peak RSS growth while unpacking a 256 MiB object-fallback artifact
 * (a checkpoint-like object of typed arrays) from a `LocalStore`, divided by the payload size
 * (the `.cbor` file's bytes), vs reading the same file with `fs.promises.readFile`. Each
 * measurement runs in a fresh child: after a warm-up unpack of a small artifact of the same shape
 * and a full GC it takes the RSS, unpacks, and reports the higher of
 * `process.resourceUsage().maxRSS` and a 2 ms RSS sample, minus that RSS. Target (issue 15): at
 * most 1.5 × the payload.
 */
export const fallbackUnpackPeakRss: BenchCase = {
  id: 'fallback_unpack_peak_rss',
  title: 'peak RSS growth unpacking a 256 MiB object-fallback artifact, × payload (child process)',
  target: { on: 'stowage', op: '<=', value: 1.5 },
  async run(ctx) {
    const bytes = scaled(PAYLOAD_BYTES, ctx.scale, 2 ** 20);
    const dir = await ctx.tempDir();
    const root = join(dir, 'store');
    const manager = new PackagersManager({ store: new LocalStore({ root }) });
    // The URI and the file the store keeps the bytes in (a shared blob when they are big).
    const packed = async (value: unknown, key: string): Promise<[string, string]> => {
      const out = await manager.pack(value, `${key} : object`);
      if (out.kind !== 'artifact') throw new Error(`expected an artifact, got a ${out.kind}`);
      const file = storedFilePath(out.artifact, out.artifact.fileName ?? '');
      return [out.artifact.uri as string, join(root, ...file.split('/'))];
    };
    const [uri, file] = await packed(checkpoint(bytes), 'payload');
    const [warmUri, warmFile] = await packed(checkpoint(2 ** 20), 'warm');
    const payload = (await stat(file)).size;
    const times: Record<'stowage' | 'baseline', number[]> = { stowage: [], baseline: [] };
    const once = async (mode: 'stowage' | 'baseline'): Promise<number> => {
      const args = mode === 'stowage' ? [uri, warmUri] : [file, warmFile];
      const result = await runUnpackChild([mode, root, ...args]);
      times[mode].push(result.ms);
      return result.growth;
    };
    const samples = await interleave(
      () => once('stowage'),
      () => once('baseline'),
      ctx.plan,
    );
    const ms = (list: number[]): string =>
      `${(list.slice(-ctx.plan.reps).sort((a, b) => a - b)[Math.floor(ctx.plan.reps / 2)] ?? 0).toFixed(0)} ms`;
    return {
      ...ratioOutcome(samples, '× payload', {
        convert: (growth) => growth.map((g) => g / payload),
      }),
      ratioMeaning: 'Stowage unpack peak RSS growth ÷ readFile peak RSS growth, same file',
      notes: [
        `payload: ${(payload / 2 ** 20).toFixed(1)} MiB .cbor (${LAYERS} Float64Array layers + metadata), each repetition a fresh child`,
        'growth = max(process.resourceUsage().maxRSS, RSS sampled every 2 ms) − RSS after a warm-up unpack and a full GC',
        `median time: unpack ${ms(times.stowage)}, readFile ${ms(times.baseline)}`,
      ],
    };
  },
};
