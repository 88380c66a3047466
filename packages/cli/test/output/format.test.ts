import { formatValue } from '../../src/output/format';

describe('formatValue', () => {
  describe('when the value is plain JSON', () => {
    it('should print it as JSON', () => {
      expect(formatValue({ a: [1, 'x', null] })).toBe('{"a":[1,"x",null]}');
    });
  });

  describe('when the value holds types JSON cannot show', () => {
    it('should print Maps, Sets and nested bigints as themselves instead of {} or throwing', () => {
      expect(formatValue(new Map([['a', 1]]))).toBe("Map(1) { 'a' => 1 }");
      expect(formatValue(new Set([1, 2]))).toBe('Set(2) { 1, 2 }');
      expect(formatValue({ n: 12345678901234567890n }, 200)).toBe('{ n: 12345678901234567890n }');
    });
  });
});
