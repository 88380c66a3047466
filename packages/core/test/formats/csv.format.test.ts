import { decodeCsv, encodeCsv } from '../../src/formats/csv.format';

const roundTrip = (value: unknown): unknown => {
  const enc = encodeCsv(value);
  return decodeCsv(enc.bytes, enc);
};

describe(encodeCsv, () => {
  describe('when records have typed columns', () => {
    it('should bring numbers, booleans, null, dates and bigints back typed', () => {
      const rows = [
        { n: 1.5, b: true, s: 'x', d: new Date('1969-07-20T20:17:40.123Z'), big: 2n ** 70n, z: -0 },
        { n: null, b: false, s: 'y', d: new Date(-1e12), big: -3n, z: NaN },
        { n: -Infinity, b: null, s: null, d: null, big: null, z: Infinity },
      ];
      const back = roundTrip(rows) as typeof rows;
      expect(back).toEqual(rows);
      expect(Object.is(back[0]!.z, -0)).toBe(true);
    });
  });

  describe('when strings need quoting', () => {
    it('should round-trip commas, quotes, newlines, spaces and unicode', () => {
      const rows = [
        {
          'a,b': 'x,y',
          'q"uote': 'he said "hi"',
          nl: 'line1\nline2\r\nline3',
          sp: '  both  ',
          u: 'ünï 🚀',
        },
        { 'a,b': '', 'q"uote': "'", nl: '\n', sp: ' ', u: '=1+1' },
      ];
      expect(roundTrip(rows)).toEqual(rows);
    });
  });

  describe('when columns are mixed, nested, missing or hold "" and null', () => {
    it('should use JSON cells and keep missing keys missing', () => {
      const rows = [
        { a: 1, m: 'x', nest: { k: [1, 2] }, e: '' },
        { a: 2, m: 3, e: null },
        { m: true, nest: null },
      ];
      expect(roundTrip(rows)).toEqual(rows);
      expect(Object.keys((roundTrip(rows) as object[])[2]!)).toEqual(['m', 'nest']);
    });
  });

  describe('when the list is empty or has one empty record', () => {
    it('should round-trip', () => {
      expect(roundTrip([])).toEqual([]);
      expect(roundTrip([{ a: '' }])).toEqual([{ a: '' }]);
      expect(roundTrip([{}, {}])).toEqual([{}, {}]);
    });
  });

  describe('when the value is not a list of records', () => {
    it('should throw FORMAT_NOT_RECORDS', () => {
      expect(() => encodeCsv([1, 2])).toThrow(
        expect.objectContaining({ code: 'FORMAT_NOT_RECORDS' }),
      );
      expect(() => encodeCsv({ a: 1 })).toThrow(
        expect.objectContaining({ code: 'FORMAT_NOT_RECORDS' }),
      );
    });
  });
});

describe(decodeCsv, () => {
  describe('when reading a CSV without recorded columns', () => {
    it('should read strings and leave empty cells out', () => {
      expect(decodeCsv(Buffer.from('a,b\n1,\n"x,y",z\n'))).toEqual([
        { a: '1' },
        { a: 'x,y', b: 'z' },
      ]);
    });
  });
});
