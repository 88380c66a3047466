import type { BenchCase } from '../bench-case';
import { interleave, ratioOutcome, toMicrosPerOp } from '../harness';
import { dummyPackagers, resultPacker } from '../subjects/stowage';
import { JIT_WARMUP_VALUES, packNumbers } from './dispatch_result_us.case';

const VALUES = 100_000;

/**
 * `dispatch_1000_vs_10`: the same dispatch with 1,000 registered packagers vs 10.
 *
 * @remarks
 * The packagers are generated classes, each for its own dummy type, so the registry really has
 * to rank and skip them; the value packed is still a number (handled by a builtin).
 */
export const dispatch1000Vs10: BenchCase = {
  id: 'dispatch_1000_vs_10',
  title: 'pack a number as a result with 1,000 registered packagers vs 10',
  target: { on: 'ratio', op: '<=', value: 1.2 },
  async run(ctx) {
    const count = Math.round(VALUES * ctx.scale);
    const many = dummyPackagers(1000, 'Many');
    const few = dummyPackagers(10, 'Few');
    if ('missing' in many) return { skipped: many.missing };
    if ('missing' in few) return { skipped: few.missing };
    const withMany = await resultPacker(many.classes);
    const withFew = await resultPacker(few.classes);
    if ('missing' in withMany) return { skipped: withMany.missing };
    if ('missing' in withFew) return { skipped: withFew.missing };
    await packNumbers(withMany.pack, JIT_WARMUP_VALUES);
    await packNumbers(withFew.pack, JIT_WARMUP_VALUES);
    const samples = await interleave(
      () => packNumbers(withMany.pack, count),
      () => packNumbers(withFew.pack, count),
      ctx.plan,
    );
    return {
      ...ratioOutcome(samples, 'µs/value', { convert: (ms) => toMicrosPerOp(count, ms) }),
      ratioMeaning: 'µs per value with 1,000 packagers ÷ µs per value with 10',
      notes: [`${count} values per repetition; "baseline" is the same manager with 10 packagers`],
    };
  },
};
