import { UsageError } from '../../src/errors/usage.error';
import { parseDuration } from '../../src/options/duration.option';

describe(parseDuration, () => {
  describe('when the text has a unit', () => {
    it.each([
      ['0', 0],
      ['500ms', 500],
      ['90s', 90_000],
      ['30m', 1_800_000],
      ['1h', 3_600_000],
      ['1.5h', 5_400_000],
      ['2d', 172_800_000],
    ])('should read %p as %p ms', (text, ms) => {
      expect(parseDuration(text, '--grace')).toBe(ms);
    });
  });

  describe('when the text is not a duration', () => {
    it.each(['', '5', '5x', '-1h', 'h', '1 h'])('should throw a UsageError for %p', (text) => {
      let thrown: unknown;
      try {
        parseDuration(text, '--grace');
      } catch (error) {
        thrown = error;
      }
      expect(UsageError.is(thrown)).toBe(true);
      expect((thrown as UsageError).code).toBe('CLI_USAGE_INVALID');
      expect((thrown as UsageError).fix).toContain('--grace');
    });
  });
});
