import { StowageError, type ErrorCode } from '@stowage/core';
import { MAILER_ERROR_CODES, MailerError } from './mailer-error';

describe('MailerError (docs/errors.md)', () => {
  describe('when thrown with its default code', () => {
    it('should be a StowageError whose code is typed by the declared codes', () => {
      const error = new MailerError('The outbox "alerts" is full.', { fix: 'Retry later.' });
      const code: ErrorCode = error.code;
      expect(StowageError.is(error)).toBe(true);
      expect(code).toBe('MAILER_OUTBOX_FULL');
      expect(Object.keys(MAILER_ERROR_CODES)).toEqual(['MAILER_OUTBOX_FULL']);
      expect(Object.isFrozen(MAILER_ERROR_CODES)).toBe(true);
    });
  });
});
