import { PackingError } from '../../src/errors/packing.error';
import { UnpackingError } from '../../src/errors/unpacking.error';
import {
  MAX_NULL_PROTOTYPE_PATHS,
  findNullPrototypes,
  restoreNullPrototypes,
} from '../../src/formats/null-prototypes';
import {
  decodeStructured,
  encodeStructured,
  type StructuredFormat,
} from '../../src/formats/structured-format';
import { expectStowageError } from '../helpers/expect-stowage-error';

const bare = (fields: Record<string, unknown> = {}): Record<string, unknown> =>
  Object.assign(Object.create(null) as Record<string, unknown>, fields);
/** `{ "__proto__": inner, … }` with `__proto__` as an own key, as JSON.parse makes it. */
const protoKey = (inner: unknown, rest: Record<string, unknown> = {}): Record<string, unknown> =>
  JSON.parse(`{"__proto__":${JSON.stringify(inner)},${JSON.stringify(rest).slice(1)}`) as Record<
    string,
    unknown
  >;
const roundTrip = (value: unknown, format: StructuredFormat): unknown => {
  const { bytes, instructions } = encodeStructured(value, format);
  return decodeStructured(bytes, format, instructions, 'k');
};
const proto = (o: unknown): unknown => Object.getPrototypeOf(o);

describe('Null prototypes and "__proto__" keys in structured files', () => {
  describe.each(['json', 'yaml'] as const)('when writing %s', (format) => {
    it('should give a null-prototype record back with a null prototype', () => {
      const back = roundTrip(bare({ a: 1, b: 'x' }), format);
      expect(proto(back)).toBeNull();
      expect({ ...(back as object) }).toEqual({ a: 1, b: 'x' });
    });

    it('should restore only the null-prototype objects of a mixed value, at any depth', () => {
      const value = {
        plain: { x: 1 },
        inner: bare({ deep: [bare({ n: 1 }), { m: 2 }] }),
        list: [bare(), 3],
      };
      const back = roundTrip(value, format) as typeof value & {
        inner: { deep: [object, object] };
      };
      expect(proto(back)).toBe(Object.prototype);
      expect(proto(back.plain)).toBe(Object.prototype);
      expect(proto(back.inner)).toBeNull();
      expect(proto(back.inner.deep[0])).toBeNull();
      expect(proto(back.inner.deep[1])).toBe(Object.prototype);
      expect(proto(back.list[0])).toBeNull();
      expect(JSON.stringify(back)).toBe(JSON.stringify(value));
    });

    it('should keep an own "__proto__" key as an own key, never as the prototype', () => {
      const value = protoKey({ polluted: true }, { a: 1 });
      const back = roundTrip({ outer: value, top: bare({ ['__proto__']: 5 }) }, format) as {
        outer: Record<string, unknown>;
        top: Record<string, unknown>;
      };
      expect(proto(back.outer)).toBe(Object.prototype);
      expect(Object.keys(back.outer)).toEqual(['__proto__', 'a']);
      expect(Object.getOwnPropertyDescriptor(back.outer, '__proto__')?.value).toEqual({
        polluted: true,
      });
      expect(proto(back.top)).toBeNull();
      expect(Object.getOwnPropertyDescriptor(back.top, '__proto__')?.value).toBe(5);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });

    it('should keep strings and keys with lone surrogates', () => {
      const value = { ['k\ud800']: 'v\udfff', list: ['\ud83d'] };
      expect(roundTrip(value, format)).toEqual(value);
    });
  });

  describe('when every object of a value has a null prototype', () => {
    it('should record "all" instead of one path per object', () => {
      const rows = Array.from({ length: 5000 }, (_, i) => bare({ i, tags: bare({ t: i }) }));
      const { instructions } = encodeStructured(rows, 'json');
      expect(instructions['nullPrototypes']).toBe('all');
      const back = roundTrip(rows, 'jsonl') as Record<string, unknown>[];
      expect(back.every((r) => proto(r) === null && proto(r['tags']) === null)).toBe(true);
    });

    it('should record nothing for a value without them', () => {
      expect(encodeStructured({ a: { b: 1 } }, 'json').instructions).toEqual({ format: 'json' });
    });
  });

  describe('when more than the limit of null-prototype objects are mixed with others', () => {
    it('should refuse the value with FORMAT_NOT_EXACT', () => {
      const value = [{}, ...Array.from({ length: MAX_NULL_PROTOTYPE_PATHS + 1 }, () => bare())];
      const err = expectStowageError(
        () => findNullPrototypes(value, 'json'),
        PackingError,
        'FORMAT_NOT_EXACT',
      );
      expect(err.message).toContain(`$[${MAX_NULL_PROTOTYPE_PATHS + 1}]`);
    });
  });

  describe('when the recorded paths do not fit the decoded value', () => {
    it.each([
      ['a path that leads nowhere', [['missing']]],
      ['a path to a number', [['a']]],
      ['a path that is not a list', ['a']],
      ['an instruction that is not a list', 7],
      ['a path through an inherited name', [['constructor']]],
    ])('should refuse %s with FORMAT_INVALID', (_label, recorded) => {
      expectStowageError(
        () => restoreNullPrototypes({ a: 1 }, recorded, 'k'),
        UnpackingError,
        'FORMAT_INVALID',
      );
    });
  });
});
