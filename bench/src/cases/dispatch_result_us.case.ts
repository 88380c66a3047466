import type { BenchCase } from '../bench-case';
import { interleave, ratioOutcome, timeMs, toMicrosPerOp } from '../harness';
import { resultPacker } from '../subjects/stowage';

/** Values packed per repetition (full run). */
const VALUES = 100_000;

/**
 * The dispatch floor a manager is compared with: a `Map.get(constructor)` lookup, one async call
 * returning the result, and the result recorded in a map (what a memory store keeps).
 */
export function floorPacker(): (value: number, key: string) => Promise<unknown> {
  const packers = new Map<unknown, (value: unknown) => Promise<{ result: unknown }>>([
    [Number, async (value) => ({ result: value })],
  ]);
  const results = new Map<string, unknown>();
  return async (value, key) => {
    const pack = packers.get((value as unknown as object).constructor);
    if (pack === undefined) throw new Error('no packer');
    const output = await pack(value);
    results.set(key, output.result);
    return output;
  };
}

/** Values packed, untimed, by each subject before its repetitions (JIT warm-up, any run size). */
export const JIT_WARMUP_VALUES = 50_000;

/** Times `count` sequential packs of numbers (each awaited, as a job would). */
export async function packNumbers(
  pack: (value: number, key: string) => Promise<unknown>,
  count: number,
): Promise<number> {
  const keys = Array.from({ length: count }, (_, i) => `value-${i % 1000}`);
  return timeMs(async () => {
    for (let i = 0; i < count; i += 1) await pack(i * 1.5, keys[i]!);
  });
}

/** `dispatch_result_us`: packing a number as a result into a memory store, µs per value. */
export const dispatchResultUs: BenchCase = {
  id: 'dispatch_result_us',
  title: 'pack a number as a result (memory store), µs per value, vs a Map.get + async call floor',
  target: { on: 'stowage', op: '<=', value: 2 },
  async run(ctx) {
    const count = Math.round(VALUES * ctx.scale);
    const subject = await resultPacker();
    if ('missing' in subject) return { skipped: subject.missing };
    const floor = floorPacker();
    await packNumbers(subject.pack, JIT_WARMUP_VALUES);
    await packNumbers(floor, JIT_WARMUP_VALUES);
    const samples = await interleave(
      () => packNumbers(subject.pack, count),
      () => packNumbers(floor, count),
      ctx.plan,
    );
    return {
      ...ratioOutcome(samples, 'µs/value', { convert: (ms) => toMicrosPerOp(count, ms) }),
      ratioMeaning: 'Stowage µs per value ÷ floor µs per value (times slower than the floor)',
      notes: [
        `${count} values per repetition, each pack awaited before the next`,
        ...subject.notes,
      ],
    };
  },
};
