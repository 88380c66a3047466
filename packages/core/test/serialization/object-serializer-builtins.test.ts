import { Readable } from 'node:stream';
import { Encoder, Tag } from 'cbor-x/index-no-eval';
import { SerializationError } from '../../src/errors/serialization.error';
import { LocalPath } from '../../src/values/local-path';
import { ClassRegistry } from '../../src/serialization/class-registry';
import { ObjectSerializer } from '../../src/serialization/object-serializer';
import { expectStowageError } from '../helpers/expect-stowage-error';

class AppError extends Error {
  code = 'APP_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'AppError';
  }
}

class FieldNamedError extends Error {
  override name = 'FieldNamedError';
}

class ProtoNamedError extends Error {}
ProtoNamedError.prototype.name = 'ProtoNamedError';

class Holder {
  label = '';
}

const serializer = (registry = new ClassRegistry({ useCatalog: false }), warnings: string[] = []) =>
  new ObjectSerializer({ registry, warn: (m) => warnings.push(m) });
const roundTrip = (value: unknown, s = serializer()): unknown => {
  const { bytes, runtime } = s.encode(value);
  return s.decode(bytes, runtime);
};
/** Bytes as the `stowage-object/4` writer produced them (same cbor-x options). */
const v4 = (tree: unknown): Uint8Array =>
  new Encoder({
    useRecords: true,
    structuredClone: false,
    tagUint8Array: true,
    useFloat32: 0,
  }).encode(tree);
/** The own property names of `o`, each marked with its enumerability. */
const ownShape = (o: object): string[] =>
  Object.getOwnPropertyNames(o).map(
    (k) => `${k}:${Object.prototype.propertyIsEnumerable.call(o, k) ? 'enumerable' : 'hidden'}`,
  );

describe(ObjectSerializer, () => {
  describe('when a value holds builtin classes that Stowage packs (URL, LocalPath)', () => {
    it('should give them back as themselves, without a warning', () => {
      const warnings: string[] = [];
      const s = serializer(undefined, warnings);
      const url = new URL('https://example.com/a%20b?q=1#frag');
      const path = new LocalPath('/data/in put/ré.csv');
      const back = roundTrip({ url, path, list: [url, path] }, s) as {
        url: URL;
        path: LocalPath;
        list: [URL, LocalPath];
      };
      expect(back.url).toBeInstanceOf(URL);
      expect(back.url.href).toBe(url.href);
      expect(back.path).toBeInstanceOf(LocalPath);
      expect(back.path).toEqual(path);
      expect(back.path.toString()).toBe('/data/in put/ré.csv');
      expect(back.list[0]).toBe(back.url);
      expect(back.list[1]).toBe(back.path);
      expect(warnings).toEqual([]);
    });

    it('should keep them at the root and with search parameters', () => {
      const url = new URL('file:///tmp/x?y=1&y=2');
      const back = roundTrip(url) as URL;
      expect(back).toBeInstanceOf(URL);
      expect(back.searchParams.getAll('y')).toEqual(['1', '2']);
      expect(roundTrip(new LocalPath('/a/b'))).toEqual(new LocalPath('/a/b'));
    });

    it('should keep a LocalPath exactly as written, not resolved against the reading process', () => {
      const written = Object.assign(Object.create(LocalPath.prototype) as LocalPath, {
        path: 'C:\\data\\in.csv',
      });
      expect((roundTrip(written) as LocalPath).path).toBe('C:\\data\\in.csv');
    });

    it('should refuse a URL record that does not parse with SERIALIZATION_CORRUPT', () => {
      const s = serializer();
      expectStowageError(
        () => s.decode(v4(new Tag('not a url', 41916))),
        SerializationError,
        'SERIALIZATION_CORRUPT',
      );
      expectStowageError(
        () => s.decode(v4(new Tag(5, 41917))),
        SerializationError,
        'SERIALIZATION_CORRUPT',
      );
    });
  });

  describe('when a value holds boxed primitives or a SharedArrayBuffer', () => {
    it('should give them back as the same kind of object with the same contents', () => {
      const warnings: string[] = [];
      const s = serializer(undefined, warnings);
      const shared = new SharedArrayBuffer(4);
      new Uint8Array(shared).set([1, 2, 3, 4]);
      const value = [
        Object(3.5) as object,
        Object('a\ud800') as object,
        Object(false) as object,
        Object(2n ** 80n) as object,
        shared,
      ];
      const back = roundTrip(value, s) as object[];
      back.forEach((b, i) => {
        expect(Object.getPrototypeOf(b)).toBe(Object.getPrototypeOf(value[i]));
      });
      expect(back.slice(0, 4).map((b) => (b as { valueOf(): unknown }).valueOf())).toEqual([
        3.5,
        'a\ud800',
        false,
        2n ** 80n,
      ]);
      expect([...new Uint8Array(back[4] as SharedArrayBuffer)]).toEqual([1, 2, 3, 4]);
      expect(warnings).toEqual([]);
    });

    it('should refuse a boxed record whose kind and primitive disagree with SERIALIZATION_CORRUPT', () => {
      for (const record of [
        ['Number', 'x'],
        ['Undefined', null],
        ['Object', { a: 1 }],
      ]) {
        expectStowageError(
          () => serializer().decode(v4(new Tag(record, 41919))),
          SerializationError,
          'SERIALIZATION_CORRUPT',
        );
      }
    });
  });

  describe('when a value holds a stream', () => {
    it('should refuse it with SERIALIZATION_UNSUPPORTED_VALUE saying it is a stream', () => {
      const err = expectStowageError(
        () => serializer().encode({ data: Readable.from(['a']) }),
        SerializationError,
        'SERIALIZATION_UNSUPPORTED_VALUE',
      );
      expect(err.message).toContain('A stream cannot be stored');
      expect(err.message).toContain('$.data');
    });
  });

  describe('when strings are not well-formed Unicode (lone surrogates)', () => {
    const lone = ['\ud800', 'a\udfffb', 'x\ud83d', '\udc00\ud800', 'ok 😀 \ud800 mixed'];

    it('should give back every code unit of strings at the root, in fields, lists, Maps and Sets', () => {
      for (const s of lone) {
        expect(roundTrip(s)).toBe(s);
        const value = {
          s,
          list: [s, 'plain'],
          map: new Map([[s, s]]),
          set: new Set([s]),
          err: new Error(s),
          re: new RegExp(s),
        };
        const back = roundTrip(value) as typeof value;
        expect(back.s).toBe(s);
        expect(back.list).toEqual([s, 'plain']);
        expect([...back.map]).toEqual([[s, s]]);
        expect([...back.set]).toEqual([s]);
        expect(back.err.message).toBe(s);
        expect(back.re.source).toBe(value.re.source);
      }
    });

    it('should keep keys with lone surrogates in plain and null-prototype objects', () => {
      const plain = { ['k\ud800']: 1, ok: '\udc00' };
      const bare = Object.assign(Object.create(null) as Record<string, unknown>, {
        ['\udfff']: 2,
      });
      const back = roundTrip({ plain, bare }) as { plain: object; bare: object };
      expect(Object.keys(back.plain)).toEqual(['k\ud800', 'ok']);
      expect(back.plain).toEqual(plain);
      expect(Object.getPrototypeOf(back.bare)).toBeNull();
      expect(Object.keys(back.bare)).toEqual(['\udfff']);
    });

    it('should keep them in the fields and path of class instances', () => {
      const registry = new ClassRegistry({ useCatalog: false }).registerClass(Holder, 't.Holder');
      const h = Object.assign(new Holder(), { label: 'a\ud800' });
      const back = roundTrip([h, new LocalPath('/x\udc00')], serializer(registry)) as [
        Holder,
        LocalPath,
      ];
      expect(back[0]).toBeInstanceOf(Holder);
      expect(back[0].label).toBe('a\ud800');
      expect(back[1].path).toBe(new LocalPath('/x\udc00').path);
    });

    it('should refuse such a key on a class instance with SERIALIZATION_UNSUPPORTED_VALUE', () => {
      const registry = new ClassRegistry({ useCatalog: false }).registerClass(Holder, 't.Holder');
      const h = Object.assign(new Holder(), { ['bad\ud800']: 1 });
      expectStowageError(
        () => serializer(registry).encode(h),
        SerializationError,
        'SERIALIZATION_UNSUPPORTED_VALUE',
      );
    });

    it('should write well-formed strings as plain CBOR text, as before', () => {
      const value = { a: 'héllo 😀', b: ['x'] };
      expect(Buffer.from(serializer().encode(value).bytes)).toEqual(
        Buffer.from(v4(new Tag([[], value], 41914))),
      );
    });

    it('should refuse a UTF-16 record of an odd length with SERIALIZATION_CORRUPT', () => {
      expectStowageError(
        () => serializer().decode(v4(new Tag(Buffer.from([0x41]), 41918))),
        SerializationError,
        'SERIALIZATION_CORRUPT',
      );
    });
  });

  describe('when an error subclass has its name as an own field', () => {
    it('should give its fields back in the same order, ownership and enumerability', () => {
      const registry = new ClassRegistry({ useCatalog: false })
        .registerClass(AppError, 't.AppError')
        .registerClass(FieldNamedError, 't.FieldNamedError')
        .registerClass(ProtoNamedError, 't.ProtoNamedError');
      const s = serializer(registry);
      for (const e of [
        new AppError('boom'),
        new FieldNamedError('f'),
        new ProtoNamedError('p'),
        new TypeError('t'),
        new Error(),
      ]) {
        const back = roundTrip(e, s) as Error;
        expect(Object.getPrototypeOf(back)).toBe(Object.getPrototypeOf(e));
        expect(back.name).toBe(e.name);
        expect(Object.prototype.hasOwnProperty.call(back, 'name')).toBe(
          Object.prototype.hasOwnProperty.call(e, 'name'),
        );
        expect(ownShape(back)).toEqual(ownShape(e));
        expect({ ...back }).toEqual({ ...e });
      }
    });

    it('should refuse an own-enumerable list that names other fields or is too long as SERIALIZATION_CORRUPT', () => {
      const props = { name: 'Error', message: 'm' };
      for (const list of [['code'], ['name', 'name', 'name', 'name', 'name', 'name'], 'name']) {
        expectStowageError(
          () => serializer().decode(v4(new Tag(['Error', null, props, list], 41905))),
          SerializationError,
          'SERIALIZATION_CORRUPT',
        );
      }
    });

    it('should keep reading stowage-object/4 errors, whose name was always non-enumerable', () => {
      const registry = new ClassRegistry({ useCatalog: false }).registerClass(
        AppError,
        't.AppError',
      );
      const old = v4(
        new Tag(
          [
            [],
            new Tag(
              ['Error', 't.AppError', { name: 'AppError', message: 'm', stack: 's', code: 'X' }],
              41905,
            ),
          ],
          41914,
        ),
      );
      const back = serializer(registry).decode(old) as AppError;
      expect(back).toBeInstanceOf(AppError);
      expect(back.name).toBe('AppError');
      expect(ownShape(back)).toEqual([
        'name:hidden',
        'message:hidden',
        'stack:hidden',
        'code:enumerable',
      ]);
    });
  });
});
