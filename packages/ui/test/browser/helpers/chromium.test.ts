import { isCi } from './chromium';

describe('isCi', () => {
  describe('when CI says no', () => {
    it.each([undefined, '', 'false'])(
      'should not count CI=%p as CI (like the S3 and Redis helpers)',
      (value) => {
        expect(isCi(value === undefined ? {} : { CI: value })).toBe(false);
      },
    );
  });

  describe('when CI is set to anything else', () => {
    it.each(['true', '1', 'yes'])('should count CI=%p as CI', (value) => {
      expect(isCi({ CI: value })).toBe(true);
    });
  });
});
