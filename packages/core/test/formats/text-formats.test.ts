/* eslint-disable no-sparse-arrays -- holes are what these tests are about */
import { PackingError } from '../../src/errors/packing.error';
import { UnpackingError } from '../../src/errors/unpacking.error';
import { decodeJson, encodeJson } from '../../src/formats/json.format';
import { decodeJsonl, encodeJsonl } from '../../src/formats/jsonl.format';
import { decodeYaml, encodeYaml } from '../../src/formats/yaml.format';
import { findJsonProblem } from '../../src/formats/json-exact';

const SAMPLES: [string, unknown][] = [
  ['empty array', []],
  ['empty object', {}],
  ['one-element array', [{ a: 1 }]],
  ['nested', { a: [1, [2, [3, { b: null }]]], c: { d: { e: 'f' } } }],
  ['unicode', { 'ключ 🚀': 'ünïcødé\u2028 \t "q" \'s\'', '': '' }],
  ['keys with dots and quotes', { 'a.b': 1, 'c"d': 2, "e'f": 3, 'g: h': 4, '- i': 5 }],
  [
    'tricky strings',
    ['yes', 'no', 'null', '~', '1e3', '0x10', '2020-01-01', '.inf', ' lead', 'trail ', 'x\ny\n'],
  ],
  ['numbers', [0, -5, 0.1, 1 / 3, 1e21, 5e-324, Number.MAX_VALUE, 2 ** 53 + 2]],
  ['scalars', 'just a string'],
];

describe('JSON, JSONL and YAML formats', () => {
  describe.each([
    ['json', encodeJson, decodeJson],
    ['yaml', encodeYaml, decodeYaml],
  ] as const)('when writing %s', (_name, encode, decode) => {
    it.each(SAMPLES)('should round-trip %s exactly', (_label, value) => {
      expect(decode(encode(value))).toEqual(value);
    });

    it.each([
      ['undefined', { a: undefined }, '$.a'],
      ['NaN', [1, NaN], '$[1]'],
      ['-0', { x: [-0] }, '$.x[0]'],
      ['a Date', { when: new Date(0) }, '$.when'],
      ['a bigint', [1n], '$[0]'],
      ['a hole', [1, , 3], '$[1]'],
      ['a Map', { m: new Map() }, '$.m'],
    ])('should refuse %s with FORMAT_NOT_EXACT naming the path', (_label, value, path) => {
      expect(() => encode(value)).toThrow(PackingError);
      expect(() => encode(value)).toThrow(
        expect.objectContaining({
          code: 'FORMAT_NOT_EXACT',
          details: expect.objectContaining({ path }),
        }),
      );
    });
  });

  describe('when writing jsonl', () => {
    it('should write one line per element and read back an array, even of one element', () => {
      const bytes = encodeJsonl([{ a: 1 }]);
      expect(Buffer.from(bytes).toString()).toBe('{"a":1}\n');
      expect(decodeJsonl(bytes)).toEqual([{ a: 1 }]);
      expect(decodeJsonl(encodeJsonl([[1, 2]]))).toEqual([[1, 2]]);
      expect(decodeJsonl(encodeJsonl([]))).toEqual([]);
      expect(decodeJsonl(encodeJsonl(['a\nb', null]))).toEqual(['a\nb', null]);
    });

    it('should refuse a non-array with FORMAT_NOT_AN_ARRAY', () => {
      expect(() => encodeJsonl({ a: 1 })).toThrow(
        expect.objectContaining({ code: 'FORMAT_NOT_AN_ARRAY' }),
      );
    });

    it('should name the line that does not parse', () => {
      expect(() => decodeJsonl(Buffer.from('1\n{oops\n'))).toThrow(UnpackingError);
      expect(() => decodeJsonl(Buffer.from('1\n{oops\n'))).toThrow(/line 2/);
    });
  });

  describe('when reading YAML from elsewhere', () => {
    it('should build only plain data (no dates, no prototype changes)', () => {
      const value = decodeYaml(
        Buffer.from('when: 2020-01-01\n__proto__: {polluted: 1}\n'),
      ) as Record<string, unknown>;
      expect(value['when']).toBe('2020-01-01');
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    });

    it('should throw FORMAT_INVALID for broken text', () => {
      expect(() => decodeYaml(Buffer.from('a: [1, 2'))).toThrow(
        expect.objectContaining({ code: 'FORMAT_INVALID' }),
      );
      expect(() => decodeJson(Buffer.from('{'))).toThrow(
        expect.objectContaining({ code: 'FORMAT_INVALID' }),
      );
    });
  });
});

describe(findJsonProblem, () => {
  describe('when a value has a cycle', () => {
    it('should report it', () => {
      const a: Record<string, unknown> = {};
      a['self'] = a;
      expect(findJsonProblem(a)).toEqual({ path: '$.self', reason: 'a cycle' });
    });
  });

  describe('when a value shares a reference without a cycle', () => {
    it('should accept it', () => {
      const shared = { x: 1 };
      expect(findJsonProblem([shared, shared])).toBeUndefined();
    });
  });
});
