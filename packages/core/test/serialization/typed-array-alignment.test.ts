import { ClassRegistry } from '../../src/serialization/class-registry';
import { ObjectSerializer } from '../../src/serialization/object-serializer';

const serializer = () =>
  new ObjectSerializer({
    registry: new ClassRegistry({ useCatalog: false }),
    warn: () => undefined,
  });
/** A copy of `bytes` at offset 0 of a fresh ArrayBuffer, as a file read gives it. */
const asRead = (bytes: Uint8Array): Buffer =>
  Buffer.from(Uint8Array.prototype.slice.call(bytes).buffer);

describe('ObjectSerializer typed arrays', () => {
  describe('when large typed arrays are written', () => {
    const value = {
      label: 'x',
      f64: new Float64Array(1000).map((_, i) => i / 3),
      odd: 'shifts the next one by an odd amount',
      f32: new Float32Array(3000).fill(2.5),
      list: [new Int16Array(4000).fill(-7), new BigInt64Array(600).fill(-5n)],
      small: new Float64Array([1, 2]),
      bytes: new Uint8Array(9000).fill(9),
    };

    it('should place their data 8-byte aligned, so a reader owning the bytes gets views', () => {
      const s = serializer();
      const read = asRead(s.encode(value).bytes);
      const back = s.decode(read, undefined, undefined, { shareBuffer: true }) as typeof value;
      expect(back).toEqual(value);
      for (const view of [back.f64, back.f32, back.list[0], back.list[1], back.bytes]) {
        expect(view?.buffer).toBe(read.buffer);
        expect((view?.byteOffset ?? 1) % (view?.BYTES_PER_ELEMENT ?? 2)).toBe(0);
      }
    });

    it('should give copies by default, so changing the decoded value never touches the bytes', () => {
      const s = serializer();
      const read = asRead(s.encode(value).bytes);
      const before = Buffer.from(read);
      const back = s.decode(read) as typeof value;
      for (const array of [back.f64, back.f32, back.small, back.bytes, back.list[0]])
        expect(array?.buffer).not.toBe(read.buffer);
      back.f64.fill(0);
      back.bytes.fill(0);
      expect(read.equals(before)).toBe(true);
    });
  });
});
