import { Encoder, Tag } from 'cbor-x/index-no-eval';
import { ClassRegistry } from '../../src/serialization/class-registry';
import { ObjectSerializer } from '../../src/serialization/object-serializer';

class Point {
  constructor(
    public x = 0,
    public y = 0,
  ) {}
  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}

class Guarded {
  static writes = 0;
  get v(): number {
    return 0;
  }
  set v(_value: number) {
    Guarded.writes += 1;
  }
}

const serializer = (registry: ClassRegistry, warnings: string[] = []) =>
  new ObjectSerializer({ registry, warn: (m) => warnings.push(m) });
const bare = () => new ClassRegistry({ useCatalog: false });
/** Bytes as the `stowage-object/1` writer produced them (same cbor-x options, v1 tags). */
const v1 = (tree: unknown): Uint8Array =>
  new Encoder({
    useRecords: true,
    structuredClone: false,
    tagUint8Array: true,
    useFloat32: 0,
  }).encode(tree);

describe(ObjectSerializer, () => {
  describe('when two serializers with different registries run in one process', () => {
    it('should let each revive only its own classes, interleaved', () => {
      const aWarnings: string[] = [];
      const a = serializer(bare().registerClass(Point, 'a.Point'), aWarnings);
      const bWarnings: string[] = [];
      const b = serializer(bare(), bWarnings);
      const fromA = a.encode([new Point(3, 4)]).bytes;
      const fromB = b.encode([new Point(3, 4)]).bytes;
      expect((a.decode(fromA) as Point[])[0]).toBeInstanceOf(Point);
      expect(Object.getPrototypeOf((b.decode(fromA) as object[])[0])).toBe(Object.prototype);
      expect(bWarnings.join()).toContain('"a.Point" is not registered');
      expect(Object.getPrototypeOf((a.decode(fromB) as object[])[0])).toBe(Object.prototype);
      expect(((a.decode(fromA) as Point[])[0] as Point).norm()).toBe(5);
    });
  });

  describe('when a value holds many instances of registered classes', () => {
    it('should write each class id once (class table) and keep shared instances and cycles', () => {
      const s = serializer(bare().registerClass(Point, 'geo.Point'));
      const shared = new Point(1, 1);
      const selfish: Point & { me?: unknown } = new Point();
      selfish.me = selfish;
      const value = [
        shared,
        shared,
        selfish,
        ...Array.from({ length: 50 }, (_, i) => new Point(i)),
      ];
      const { bytes } = s.encode(value);
      expect(Buffer.from(bytes).toString('latin1').split('geo.Point')).toHaveLength(2);
      const back = s.decode(bytes) as Array<Point & { me?: unknown }>;
      expect(back[0]).toBe(back[1]);
      expect(back[2]?.me).toBe(back[2]);
      expect(back[2]).toBeInstanceOf(Point);
      expect(back[52]).toEqual(new Point(49));
    });

    it('should revive without calling setters of the class', () => {
      const s = serializer(bare().registerClass(Guarded, 'x.Guarded'));
      const raw = Object.defineProperty(Object.create(Guarded.prototype) as object, 'v', {
        value: 7,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      const writes = Guarded.writes;
      const back = s.decode(s.encode(raw).bytes) as Guarded;
      expect(back).toBeInstanceOf(Guarded);
      expect(Object.getOwnPropertyDescriptor(back, 'v')?.value).toBe(7);
      expect(Guarded.writes).toBe(writes);
    });

    it('should refuse a class index missing from the table, or a table not at the root', () => {
      const s = serializer(bare().registerClass(Point, 'geo.Point'));
      const corrupt = expect.objectContaining({ code: 'SERIALIZATION_CORRUPT' });
      expect(() => s.decode(v1(new Tag([['geo.Point'], new Tag({ x: 1 }, 42001)], 41913)))).toThrow(
        corrupt,
      );
      expect(() => s.decode(v1([new Tag([['geo.Point'], 1], 41913)]))).toThrow(corrupt);
      expect(() => s.decode(v1(new Tag([[1], 1], 41913)))).toThrow(corrupt);
    });
  });

  describe('when a value has no shared reference or cycle (stowage-object/3)', () => {
    it('should mark it acyclic, still read /2 tables, and refuse a reference in acyclic data', () => {
      const s = serializer(bare().registerClass(Point, 'geo.Point'));
      const { bytes } = s.encode([new Point(3, 4), [1, 2]]);
      expect(bytes[0]).toBe(0xd9); // a 2-byte tag: 41914, the acyclic table
      expect((bytes[1]! << 8) | bytes[2]!).toBe(41914);
      const back = s.decode(bytes) as [Point, number[]];
      expect(back[0]).toBeInstanceOf(Point);
      expect(back[1]).toEqual([1, 2]);
      const shared = [1];
      const again = s.decode(s.encode([shared, shared, new Point()]).bytes) as unknown[];
      expect(again[1]).toBe(again[0]);
      const v2 = s.decode(
        v1(new Tag([['geo.Point'], [new Tag({ x: 1 }, 42000), new Tag(1, 41902)]], 41913)),
      ) as Point[];
      expect(v2[1]).toBe(v2[0]);
      const corrupt = expect.objectContaining({ code: 'SERIALIZATION_CORRUPT' });
      expect(() => s.decode(v1(new Tag([[], [[1], new Tag(1, 41902)]], 41914)))).toThrow(corrupt);
      expect(() => s.decode(v1(new Tag([[], [new Tag(0, 41902)]], 41914)))).toThrow(corrupt);
      expect(() => s.decode(v1([new Tag([[], 1], 41914)]))).toThrow(corrupt);
    });
  });

  describe('when reading data in the stowage-object/1 format', () => {
    it('should still revive classes, references and hooks', () => {
      const registry = bare()
        .registerClass(Point, 'geo.Point')
        .registerClass(Guarded, 'x.Guarded', { fromData: () => new Guarded() });
      const s = serializer(registry);
      const tree = {
        p: new Tag(['geo.Point', { x: 3, y: 4 }], 41901),
        again: new Tag(1, 41902),
        g: new Tag(['x.Guarded', { n: 1 }, true], 41901),
      };
      const back = s.decode(v1(tree)) as { p: Point; again: Point; g: Guarded };
      expect(back.p).toBeInstanceOf(Point);
      expect(back.p.norm()).toBe(5);
      expect(back.again).toBe(back.p);
      expect(back.g).toBeInstanceOf(Guarded);
    });
  });
});
