import { parseParamValue, parseParamValues } from '../../src/options/param-value.option';

describe('parseParamValue', () => {
  describe('when the text is JSON', () => {
    it.each([
      ['3', 3],
      ['-0.5', -0.5],
      ['1e3', 1000],
      ['true', true],
      ['null', null],
      ['[1,2]', [1, 2]],
      ['{"a":1}', { a: 1 }],
      ['"007"', '007'],
    ])('should read %p as JSON', (text, value) => {
      expect(parseParamValue(text)).toEqual(value);
    });
  });

  describe('when the text is not JSON', () => {
    it.each(['hello', 'True', '1.2.3', '[oops', '', ' spaced '])(
      'should keep %p as the string',
      (text) => {
        expect(parseParamValue(text)).toBe(text);
      },
    );
  });
});

describe('parseParamValues', () => {
  describe('when given several params', () => {
    it('should parse every value', () => {
      expect(parseParamValues({ rows: '100', name: 'demo' })).toEqual({ rows: 100, name: 'demo' });
    });
  });
});
