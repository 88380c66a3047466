import { Encoder } from 'cbor-x/index-no-eval';
import { ClassRegistry } from '../../src/serialization/class-registry';
import { ObjectSerializer } from '../../src/serialization/object-serializer';

const serializer = () =>
  new ObjectSerializer({
    registry: new ClassRegistry({ useCatalog: false }),
    warn: () => undefined,
  });
/** cbor-x's own writer with the fallback's options (its bignum loop is the slow reference). */
const cborX = new Encoder({
  useRecords: true,
  structuredClone: false,
  tagUint8Array: true,
  useFloat32: 0,
});

describe('ObjectSerializer big integers', () => {
  describe('when a bigint does not fit in 64 bits', () => {
    it('should write the same bytes as cbor-x and read them back, for both signs and edges', () => {
      const s = serializer();
      for (const n of [
        2n ** 64n,
        -(2n ** 64n),
        2n ** 64n - 1n,
        -(2n ** 64n) + 1n,
        3n ** 200n,
        -(7n ** 333n),
        0n,
      ]) {
        const bytes = s.encode([n]).bytes;
        // after the 5-byte acyclic table header: [n] exactly as cbor-x writes it
        expect(Buffer.from(bytes.subarray(5))).toEqual(Buffer.from(cborX.encode([n])));
        expect(s.decode(bytes)).toEqual([n]);
      }
    });
  });

  describe('when a bigint is 128 KiB long', () => {
    it('should encode and decode it in well under a second (it took seconds before)', () => {
      const s = serializer();
      const n = BigInt(`0x${'f1'.repeat(128 * 1024)}`);
      // CPU time, not wall time: a loaded machine stretches the wall clock, not the work done.
      const started = process.cpuUsage();
      const back = s.decode(s.encode({ n, m: -n }).bytes) as { n: bigint; m: bigint };
      const cpu = process.cpuUsage(started);
      expect(back.n === n && back.m === -n).toBe(true);
      expect((cpu.user + cpu.system) / 1000).toBeLessThan(400);
    });
  });
});
