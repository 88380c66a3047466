import { deserialize, serialize } from 'node:v8';
import type { BenchCase } from '../bench-case';
import { BenchRecord, checkRecords, makeRecords } from '../baselines/sample-records';
import { interleave, ratioOutcome, timeMs } from '../harness';
import { fallbackCodec } from '../subjects/stowage';

/** Class instances encoded and decoded per repetition (full run). */
export const RECORDS = 100_000;

/** Times one encode + decode of `value` and checks what came back. */
export async function roundTrip(
  encode: (value: unknown) => Uint8Array | string,
  decode: (bytes: never) => unknown,
  value: unknown,
  count: number,
  classKept: boolean,
): Promise<number> {
  let decoded: unknown;
  const ms = await timeMs(() => {
    decoded = decode(encode(value) as never);
  });
  checkRecords(decoded, count, classKept);
  return ms;
}

/**
 * `fallback_vs_v8`: the object fallback serializer (classes registered and revived) encoding and
 * decoding 100,000 class instances vs `v8.serialize` + `v8.deserialize` (which lose the class).
 */
export const fallbackVsV8: BenchCase = {
  id: 'fallback_vs_v8',
  title: 'fallback encode + decode of 100,000 class instances vs v8.serialize + deserialize',
  target: { on: 'ratio', op: '<=', value: 1.0 },
  async run(ctx) {
    const count = Math.round(RECORDS * ctx.scale);
    const codec = fallbackCodec([BenchRecord]);
    if ('missing' in codec) return { skipped: codec.missing };
    const records = makeRecords(count);
    const samples = await interleave(
      () => roundTrip(codec.encode, codec.decode, records, count, true),
      () => roundTrip(serialize, deserialize, records, count, false),
      ctx.plan,
    );
    return {
      ...ratioOutcome(samples, 'ms'),
      ratioMeaning: 'fallback ms ÷ v8 ms (below 1: the fallback is faster)',
      notes: [`${count} instances; v8 returns plain objects (class lost)`, ...codec.notes],
    };
  },
};
