import { PackingError } from '../../../src/errors/packing.error';
import { expectStowageRejection } from '../../helpers/expect-stowage-error';
import { builtinManager } from './helpers/builtin-manager';

const bare = (fields: Record<string, unknown>): Record<string, unknown> =>
  Object.assign(Object.create(null) as Record<string, unknown>, fields);

describe('Builtin packagers and exact values in text files', () => {
  describe('when a string with a lone surrogate is logged as a UTF-8 file', () => {
    it('should refuse it with FORMAT_NOT_EXACT naming the index, instead of storing U+FFFD', async () => {
      const { manager } = builtinManager();
      const err = await expectStowageRejection(
        manager.pack('ab\ud800c', 'k : file'),
        PackingError,
        'FORMAT_NOT_EXACT',
      );
      expect(err.details).toMatchObject({ index: 2 });
      expect(err.message).toContain('index 2');
    });

    it('should still write well-formed text, astral characters included', async () => {
      const { roundTrip } = builtinManager();
      expect((await roundTrip('a 😀 b', 'k : file', String)).back).toBe('a 😀 b');
    });
  });

  describe('when a list of records with a lone surrogate is logged as csv', () => {
    it('should refuse it with FORMAT_NOT_EXACT', async () => {
      const { manager } = builtinManager();
      await expectStowageRejection(
        manager.pack([{ a: 'x\udc00' }], 'k : file[format=csv]'),
        PackingError,
        'FORMAT_NOT_EXACT',
      );
    });
  });

  describe.each(['json', 'yaml'])('when a record is logged as file[format=%s]', (format) => {
    it('should give a null-prototype record back with a null prototype', async () => {
      const { roundTrip } = builtinManager();
      const value = bare({ a: 1, nested: bare({ b: [1, 2] }), plain: { c: true } });
      const { out, back } = await roundTrip(value, `k : file[format=${format}]`, Object);
      expect(out.artifactType).toBe('file');
      const got = back as Record<string, object>;
      expect(Object.getPrototypeOf(got)).toBeNull();
      expect(Object.getPrototypeOf(got['nested'])).toBeNull();
      expect(Object.getPrototypeOf(got['plain'])).toBe(Object.prototype);
      expect(JSON.stringify(got)).toBe(JSON.stringify(value));
    });

    it('should keep an own "__proto__" key instead of refusing the record', async () => {
      const { roundTrip } = builtinManager();
      const value = JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as object;
      const { back } = await roundTrip(value, `k : file[format=${format}]`, Object);
      expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
      expect(Object.keys(back as object)).toEqual(['__proto__', 'a']);
      expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toEqual({ x: 1 });
    });
  });

  describe('when a list of null-prototype records is logged as file[format=json]', () => {
    it('should give every record back with a null prototype', async () => {
      const { roundTrip } = builtinManager();
      const value = [bare({ a: 1 }), bare({ a: 2 })];
      const { back } = await roundTrip(value, 'k : file[format=json]', Array);
      expect((back as object[]).map((r) => Object.getPrototypeOf(r) as unknown)).toEqual([
        null,
        null,
      ]);
    });
  });
});
