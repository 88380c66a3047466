import { inferColumns } from '../../src/formats/csv-columns';
import { UnpackingError } from '../../src/errors/unpacking.error';
import { decodeTypedJsonl, encodeTypedJsonl } from '../../src/formats/typed-jsonl.format';
import { expectStowageError } from '../helpers/expect-stowage-error';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8');

describe(encodeTypedJsonl, () => {
  describe('when a typed column holds values JSON cannot', () => {
    it('should write them as their CSV text and read them back typed', () => {
      const rows = [
        { d: new Date(0), b: 10n, n: -0, s: 'x' },
        { d: null, b: 1n, n: NaN, s: '' },
      ];
      const columns = inferColumns(rows, { forCsv: false });
      const encoded = encodeTypedJsonl(rows, columns);
      expect(text(encoded)).toBe(
        '{"d":"1970-01-01T00:00:00.000Z","b":"10","n":"-0","s":"x"}\n' +
          '{"d":null,"b":"1","n":"NaN","s":""}\n',
      );
      expect(decodeTypedJsonl(encoded, columns)).toEqual(rows);
    });
  });

  describe('when a row has a key set to undefined', () => {
    it('should leave the key out of its line', () => {
      const rows = [{ a: 1, b: undefined }];
      expect(text(encodeTypedJsonl(rows, inferColumns(rows, { forCsv: false })))).toBe('{"a":1}\n');
    });
  });
});

describe(decodeTypedJsonl, () => {
  describe('when no columns are recorded', () => {
    it('should return the records as parsed', () => {
      expect(decodeTypedJsonl(bytes('{"d":"1970-01-01T00:00:00.000Z"}\n'), undefined)).toEqual([
        { d: '1970-01-01T00:00:00.000Z' },
      ]);
    });
  });

  describe('when a line is not a record', () => {
    it('should throw FORMAT_INVALID naming the record', () => {
      const error = expectStowageError(
        () => decodeTypedJsonl(bytes('{"a":1}\n[1]\n'), undefined, 'store://rows'),
        UnpackingError,
        'FORMAT_INVALID',
      );
      expect(error.message).toContain('store://rows (record 2)');
    });
  });

  describe('when a cell does not fit its recorded column', () => {
    it('should throw FORMAT_INVALID', () => {
      expectStowageError(
        () =>
          decodeTypedJsonl(bytes('{"b":"nope"}\n'), [
            { name: 'b', type: 'bigint', nullable: false },
          ]),
        UnpackingError,
        'FORMAT_INVALID',
      );
    });
  });

  describe('when a record has a "__proto__" key', () => {
    it('should keep it as an own key without touching the prototype', () => {
      const [row] = decodeTypedJsonl(bytes('{"__proto__":{"polluted":1}}\n'), undefined);
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      expect(Object.keys(row ?? {})).toEqual(['__proto__']);
    });
  });
});
