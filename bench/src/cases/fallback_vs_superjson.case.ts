import type { BenchCase } from '../bench-case';
import { BenchRecord, makeRecords } from '../baselines/sample-records';
import { interleave, ratioOutcome } from '../harness';
import { fallbackCodec } from '../subjects/stowage';
import { RECORDS, roundTrip } from './fallback_vs_v8.case';

interface SuperJsonLike {
  stringify(value: unknown): string;
  parse(text: string): unknown;
  registerClass(cls: new (...args: never[]) => unknown, options: { identifier: string }): void;
}

function loadSuperJson(): SuperJsonLike | string {
  try {
    // superjson is ESM-only; plain Node 20.19+ can require() it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('superjson') as { default?: SuperJsonLike };
    return mod.default ?? 'superjson has no default export';
  } catch (error) {
    return `superjson cannot be loaded: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** `fallback_vs_superjson`: the same round trip vs superjson with the class registered. */
export const fallbackVsSuperjson: BenchCase = {
  id: 'fallback_vs_superjson',
  title: 'fallback encode + decode of 100,000 class instances vs superjson (class registered)',
  target: { on: 'ratio', op: '>=', value: 3 },
  async run(ctx) {
    const count = Math.round(RECORDS * ctx.scale);
    const superjson = loadSuperJson();
    if (typeof superjson === 'string') return { skipped: superjson };
    const codec = fallbackCodec([BenchRecord]);
    if ('missing' in codec) return { skipped: codec.missing };
    superjson.registerClass(BenchRecord, { identifier: 'BenchRecord' });
    const records = makeRecords(count);
    const samples = await interleave(
      () => roundTrip(codec.encode, codec.decode, records, count, true),
      () =>
        roundTrip(
          (v) => superjson.stringify(v),
          (t: string) => superjson.parse(t),
          records,
          count,
          true,
        ),
      ctx.plan,
    );
    return {
      ...ratioOutcome(samples, 'ms', { inverse: true }),
      ratioMeaning: 'superjson ms ÷ fallback ms (speed-up of the fallback)',
      notes: [`${count} instances; superjson.stringify + parse, both keep the class`],
    };
  },
};
