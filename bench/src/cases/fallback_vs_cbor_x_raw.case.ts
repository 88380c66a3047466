import { Decoder, Encoder, addExtension } from 'cbor-x';
import type { BenchCase } from '../bench-case';
import { BenchRecord, makeRecords } from '../baselines/sample-records';
import { interleave, ratioOutcome } from '../harness';
import { fallbackCodec } from '../subjects/stowage';
import { RECORDS, roundTrip } from './fallback_vs_v8.case';

/** A private CBOR tag for the bare baseline's class extension (unassigned by IANA). */
const BENCH_RECORD_TAG = 40_501;

let extended = false;

/** cbor-x alone, with a class extension for `BenchRecord`: no checks, no class registry. */
function rawCborX(): { encode(value: unknown): Uint8Array; decode(bytes: Uint8Array): unknown } {
  if (!extended) {
    addExtension({
      Class: BenchRecord,
      tag: BENCH_RECORD_TAG,
      encode(record: BenchRecord, encode: (value: unknown) => Uint8Array) {
        const r = record;
        return encode([r.id, r.name, r.score, r.active, r.createdAt, r.tags, r.matrix, r.note]);
      },
      decode(fields: ConstructorParameters<typeof BenchRecord>) {
        return new BenchRecord(...fields);
      },
    });
    extended = true;
  }
  const encoder = new Encoder({ useRecords: true, structuredClone: false, useFloat32: 0 });
  const decoder = new Decoder({ useRecords: true, mapsAsObjects: true });
  return {
    encode: (value) => encoder.encode(value),
    decode: (bytes): unknown => decoder.decode(bytes) as unknown,
  };
}

/**
 * `fallback_vs_cbor_x_raw`: the object fallback round trip vs cbor-x alone with a class
 * extension on the same 100,000 instances: the price of the fallback's safety checks (bounds,
 * depth, tags, registered classes only) and full fidelity, made visible. Target (issue 15): at
 * most 1.15×.
 */
export const fallbackVsCborXRaw: BenchCase = {
  id: 'fallback_vs_cbor_x_raw',
  title:
    'fallback encode + decode of 100,000 class instances vs bare cbor-x with a class extension',
  target: { on: 'ratio', op: '<=', value: 1.15 },
  async run(ctx) {
    const count = Math.round(RECORDS * ctx.scale);
    const codec = fallbackCodec([BenchRecord]);
    if ('missing' in codec) return { skipped: codec.missing };
    const raw = rawCborX();
    const records = makeRecords(count);
    const samples = await interleave(
      () => roundTrip(codec.encode, codec.decode, records, count, true),
      () => roundTrip(raw.encode, raw.decode, records, count, true),
      ctx.plan,
    );
    return {
      ...ratioOutcome(samples, 'ms'),
      ratioMeaning: 'fallback ms ÷ bare cbor-x ms (the cost of the checks and fidelity)',
      notes: [`${count} instances; both revive BenchRecord and its Date`, ...codec.notes],
    };
  },
};
