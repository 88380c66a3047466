import { Encoder } from 'cbor-x/index-no-eval';
import { CborWriter } from '../../src/serialization/cbor-writer';

/** cbor-x's own writer with the object fallback's options: the bytes the writer must match. */
const cborX = new Encoder({
  useRecords: true,
  structuredClone: false,
  tagUint8Array: true,
  useFloat32: 0,
});

/** What `write` puts in a fresh writer, as hex. */
function written(write: (w: CborWriter) => void): string {
  const w = new CborWriter();
  write(w);
  return Buffer.from(w.finish(undefined)).toString('hex');
}

describe(CborWriter, () => {
  describe('when writing numbers, strings, dates and bigints', () => {
    it('should write the bytes cbor-x writes for each', () => {
      const numbers = [0, 1, 23, 24, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, 1.5, NaN];
      numbers.push(
        -1,
        -24,
        -25,
        -256,
        -257,
        -65536,
        -65537,
        -(2 ** 31),
        -(2 ** 32),
        -(2 ** 32) - 1,
      );
      for (const n of numbers) {
        expect(written((w) => w.number(n))).toBe(Buffer.from(cborX.encode(n)).toString('hex'));
      }
      const strings = ['', 'a', 'x'.repeat(23), 'é'.repeat(23), '😀'.repeat(5), 'é'.repeat(90)];
      strings.push('x'.repeat(300), '😀'.repeat(20_000));
      for (const s of strings) {
        expect(written((w) => w.string(s))).toBe(Buffer.from(cborX.encode(s)).toString('hex'));
      }
      for (const t of [0, 1_234_567_890_000, 1_234_567_890_123, -5, 2 ** 42]) {
        const d = new Date(t);
        expect(written((w) => w.date(d))).toBe(Buffer.from(cborX.encode(d)).toString('hex'));
      }
      for (const b of [0n, 2n ** 64n - 1n, -1n, -(2n ** 64n) + 1n]) {
        const expected = Buffer.from(cborX.encode(b)).toString('hex');
        expect(written((w) => w.bigint64(b))).toBe(expected);
      }
    });
  });

  describe('when writing objects as records', () => {
    it('should define a shape once, refer to it afterwards, and redefine ids past 256 shapes', () => {
      const w = new CborWriter();
      const objects = Array.from({ length: 300 }, (_, i) => ({ [`k${i}`]: i }));
      objects.push({ k0: 0 });
      w.array(objects.length);
      for (const o of objects) {
        const shape = w.shapeOf(o);
        w.record(shape);
        for (const k of shape.keys) w.number((o as Record<string, number>)[k]!);
      }
      const ours = Buffer.from(w.finish(undefined)).toString('hex');
      expect(ours).toBe(Buffer.from(cborX.encode(objects)).toString('hex'));
    });

    it('should flag shapes with a "__proto__" key or a key UTF-8 cannot hold, checking each once', () => {
      const w = new CborWriter();
      const proto = w.shapeOf(JSON.parse('{"a": 1, "__proto__": 2}') as object);
      const lone = w.shapeOf({ '\ud800': 1 });
      const plain = w.shapeOf({ a: 1 });
      expect([proto.protoKey, proto.illFormed]).toEqual([true, false]);
      expect([lone.protoKey, lone.illFormed]).toEqual([false, true]);
      expect([plain.protoKey, plain.illFormed]).toEqual([false, false]);
      expect(w.shapeOf({ a: 2 })).toBe(plain);
    });
  });
});
