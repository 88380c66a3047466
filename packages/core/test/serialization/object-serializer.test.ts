/* eslint-disable no-sparse-arrays -- holes are what these tests are about */
import { SerializationError } from '../../src/errors/serialization.error';
import { ClassRegistry } from '../../src/serialization/class-registry';
import { ObjectSerializer } from '../../src/serialization/object-serializer';
import { Serializable } from '../../src/serialization/serializable.decorator';

class Point {
  constructor(
    public x = 0,
    public y = 0,
  ) {}
  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}

@Serializable('test.Tagged', { packageName: '@acme/tagged', packageVersion: '1.0.0' })
class Tagged {
  label = 'tag';
}

class Secret {
  #hidden = 1;
  constructor(readonly visible = 2) {}
  hidden(): number {
    return this.#hidden;
  }
}

const make = (strict = false, registry = new ClassRegistry().registerClass(Point, 'geo.Point')) => {
  const warnings: string[] = [];
  const serializer = new ObjectSerializer({ registry, strict, warn: (m) => warnings.push(m) });
  const roundTrip = (v: unknown): unknown => {
    const { bytes, runtime } = serializer.encode(v);
    return serializer.decode(bytes, runtime);
  };
  return { serializer, warnings, roundTrip };
};

describe(ObjectSerializer, () => {
  describe('when values hold JavaScript types JSON loses', () => {
    it('should keep Map, Set, Date, RegExp, bigint, typed arrays, ArrayBuffer, undefined, -0, NaN and holes', () => {
      const { roundTrip } = make();
      const value = {
        map: new Map<unknown, unknown>([
          [{ k: 1 }, new Set([1, 'a'])],
          [2n, undefined],
        ]),
        date: new Date(-1e12),
        invalid: new Date(NaN),
        re: /a+b/giu,
        big: -(2n ** 90n),
        f32: new Float32Array([1.5, -0]),
        u64: new BigUint64Array([2n ** 64n - 1n]),
        ab: new Uint8Array([1, 2]).buffer,
        dv: new DataView(new Uint8Array([3]).buffer),
        buf: Buffer.from('hi'),
        nothing: undefined,
        negZero: -0,
        nan: NaN,
        sparse: [1, , 3],
        nullProto: Object.assign(Object.create(null) as object, { q: 1 }),
        unicode: { 'ключ.🚀': 'ünï' },
      };
      const back = roundTrip(value) as typeof value;
      expect({ ...back, ab: 0, dv: 0, invalid: 0 }).toEqual({ ...value, ab: 0, dv: 0, invalid: 0 });
      expect(back.invalid).toBeInstanceOf(Date);
      expect(back.invalid.getTime()).toBeNaN();
      expect([...new Uint8Array(back.ab)]).toEqual([1, 2]);
      expect(back.dv.getUint8(0)).toBe(3);
      expect(roundTrip(new Date(8.64e15))).toEqual(new Date(8.64e15));
      expect(Object.is(back.negZero, -0)).toBe(true);
      expect(1 in back.sparse).toBe(false);
      expect(Object.getPrototypeOf(back.nullProto)).toBeNull();
      expect(Buffer.isBuffer(back.buf)).toBe(true);
      expect(back.ab).toBeInstanceOf(ArrayBuffer);
      expect(back.dv).toBeInstanceOf(DataView);
    });
  });

  describe('when values share references or have cycles', () => {
    it('should restore the same graph', () => {
      const { roundTrip } = make();
      const shared = { s: 1 };
      const root: Record<string, unknown> = { a: shared, b: shared, list: [] as unknown[] };
      (root['list'] as unknown[]).push(root, new Point(1, 2));
      root['self'] = root;
      const m = new Map<string, unknown>();
      m.set('me', m);
      root['m'] = m;
      const back = roundTrip(root) as Record<string, unknown> & {
        list: unknown[];
        m: Map<string, unknown>;
      };
      expect(back['a']).toBe(back['b']);
      expect(back['self']).toBe(back);
      expect(back.list[0]).toBe(back);
      expect(back.m.get('me')).toBe(back.m);
    });
  });

  describe('when values hold class instances', () => {
    it('should revive registered classes (registry or @Serializable) with their prototype', () => {
      const { roundTrip, warnings } = make();
      const back = roundTrip({ p: new Point(3, 4), t: new Tagged() }) as { p: Point; t: Tagged };
      expect(back.p).toBeInstanceOf(Point);
      expect(back.p.norm()).toBe(5);
      expect(back.t).toBeInstanceOf(Tagged);
      expect(warnings).toEqual([]);
    });

    it('should give plain data and one warning naming an unregistered class', () => {
      const { roundTrip, warnings } = make();
      const back = roundTrip([new Secret(7), new Secret(8)]) as object[];
      expect(back).toEqual([{ visible: 7 }, { visible: 8 }]);
      expect(Object.getPrototypeOf(back[0])).toBe(Object.prototype);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('Secret');
      expect(warnings[0]).toContain('@Serializable');
    });

    it('should throw SERIALIZATION_UNREGISTERED_CLASS in strict mode', () => {
      const { serializer } = make(true);
      expect(() => serializer.encode({ s: new Secret() })).toThrow(SerializationError);
      expect(() => serializer.encode({ s: new Secret() })).toThrow(
        expect.objectContaining({
          code: 'SERIALIZATION_UNREGISTERED_CLASS',
          details: { path: '$.s' },
        }),
      );
    });

    it('should use toData/fromData hooks when registered', () => {
      const registry = new ClassRegistry().registerClass(Secret, 'x.Secret', {
        toData: (s) => ({ v: s.visible }),
        fromData: (d) => new Secret((d as { v: number }).v),
      });
      const back = make(false, registry).roundTrip({ s: new Secret(9) }) as { s: Secret };
      expect(back.s).toBeInstanceOf(Secret);
      expect(back.s.visible).toBe(9);
      expect(back.s.hidden()).toBe(1);
    });

    it('should warn once when the reader does not know a class, and revive nothing', () => {
      const writer = make();
      const { bytes } = writer.serializer.encode(new Point(1, 1));
      const reader = make(false, new ClassRegistry({ useCatalog: false }));
      expect(reader.serializer.decode(bytes)).toEqual({ x: 1, y: 1 });
      expect(reader.warnings[0]).toContain('"geo.Point" is not registered');
    });
  });

  describe('when values are walked', () => {
    it('should read every property once, so a getter runs once per encoding', () => {
      const { roundTrip } = make();
      let reads = 0;
      const value = {
        get counted(): number {
          reads += 1;
          return reads;
        },
      };
      const back = roundTrip([value, new Point(1, 2)]) as [{ counted: number }, Point];
      expect(reads).toBe(1);
      expect(back[0].counted).toBe(1);
    });

    it('should keep the values it read when a getter deletes a later property', () => {
      const { roundTrip } = make();
      const value: Record<string, unknown> = { a: 1, b: 2 };
      Object.defineProperty(value, 'a', {
        enumerable: true,
        get: () => {
          delete value['b'];
          return 1;
        },
      });
      expect(roundTrip(value)).toEqual({ a: 1, b: undefined });
    });

    it('should write an iterable class instance by its fields, registered or not', () => {
      class Bag {
        items = [1, 2];
        *[Symbol.iterator](): Iterator<number> {
          yield* this.items;
        }
      }
      class Loose extends Bag {}
      const { roundTrip, warnings } = make(false, new ClassRegistry().registerClass(Bag, 'x.Bag'));
      const [bag, loose] = roundTrip([new Bag(), new Loose()]) as [Bag, Bag];
      expect(bag).toBeInstanceOf(Bag);
      expect([...bag]).toEqual([1, 2]);
      expect(loose).toEqual({ items: [1, 2] });
      expect(warnings).toHaveLength(1);
    });
  });

  describe('when values hold Errors', () => {
    it('should keep class, message, stack, cause chain, own fields and AggregateError members', () => {
      const { roundTrip } = make();
      const inner = new TypeError('inner');
      const err = Object.assign(new RangeError('outer', { cause: inner }), { code: 'E42' });
      const agg = new AggregateError([err, new Error('x')], 'many');
      const back = roundTrip({ err, agg }) as {
        err: RangeError & { code: string };
        agg: AggregateError;
      };
      expect(back.err).toBeInstanceOf(RangeError);
      expect(back.err.stack).toBe(err.stack);
      expect(back.err.code).toBe('E42');
      expect(back.err.cause).toBeInstanceOf(TypeError);
      expect(back.agg.errors[0]).toBe(back.err);
      expect(Object.keys(back.err)).toEqual(['code']);
    });
  });

  describe('when values cannot be stored', () => {
    it.each([
      ['a function', { f: () => 1 }, '$.f'],
      ['a symbol', [Symbol('s')], '$[0]'],
      ['a promise', { p: Promise.resolve() }, '$.p'],
      ['a WeakMap', new Map([['w', new WeakMap()]]), '$<entry 1>'],
    ])(
      'should refuse %s with SERIALIZATION_UNSUPPORTED_VALUE naming the path',
      (_l, value, path) => {
        const { serializer } = make();
        expect(() => serializer.encode(value)).toThrow(
          expect.objectContaining({ code: 'SERIALIZATION_UNSUPPORTED_VALUE', details: { path } }),
        );
      },
    );

    it('should refuse nesting past maxDepth', () => {
      let deep: unknown[] = [];
      const root = deep;
      for (let i = 0; i < 50; i++) deep = deep[0] = [];
      const serializer = new ObjectSerializer({ maxDepth: 20, warn: () => undefined });
      expect(() => serializer.encode(root)).toThrow(
        expect.objectContaining({ code: 'SERIALIZATION_TOO_DEEP' }),
      );
    });

    it('should refuse data over maxBytes both ways', () => {
      const small = new ObjectSerializer({ maxBytes: 100, warn: () => undefined });
      expect(() => small.encode('x'.repeat(200))).toThrow(
        expect.objectContaining({ code: 'SERIALIZATION_TOO_LARGE' }),
      );
      const big = new ObjectSerializer({ warn: () => undefined }).encode('x'.repeat(200)).bytes;
      expect(() => small.decode(big)).toThrow(
        expect.objectContaining({ code: 'SERIALIZATION_TOO_LARGE' }),
      );
    });
  });

  describe('when the data is hostile', () => {
    it('should never set a prototype from "__proto__", "constructor" or "prototype" keys', () => {
      const { roundTrip } = make();
      const hostile = JSON.parse(
        '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}}',
      ) as object;
      const back = roundTrip(hostile) as Record<string, unknown>;
      expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(back, '__proto__')).toBe(true);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });

    it('should reject truncated data and unknown tags with SERIALIZATION_CORRUPT', () => {
      const { serializer } = make();
      const { bytes } = serializer.encode({ a: [1, 2, 3], p: new Point() });
      expect(() => serializer.decode(bytes.subarray(0, bytes.length - 3))).toThrow(
        expect.objectContaining({ code: 'SERIALIZATION_CORRUPT' }),
      );
      expect(() => serializer.decode(Buffer.from([0xd9, 0xa0, 0x28, 0x01]))).toThrow(
        expect.objectContaining({ code: 'SERIALIZATION_CORRUPT' }),
      );
    });
  });

  describe('when the writing runtime differs', () => {
    it('should warn once listing the differences', () => {
      const { serializer, warnings } = make();
      const { bytes, runtime } = serializer.encode(new Tagged());
      serializer.decode(bytes, {
        ...runtime,
        node: 'v18.0.0',
        classes: { 'test.Tagged': { package: '@acme/tagged', version: '0.9.0' } },
      });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`Node v18.0.0 → ${process.version}`);
      expect(warnings[0]).toContain('@acme/tagged 0.9.0 → 1.0.0');
      expect(runtime.classes).toEqual({
        'test.Tagged': { package: '@acme/tagged', version: '1.0.0' },
      });
    });
  });
});
