import { StowageError, type ErrorCode } from '@stowage/core';
import { QUEUE_ERROR_CODES, QueueError } from './queue-error';

describe('QueueError (docs/errors.md)', () => {
  describe('when thrown with its default code', () => {
    it('should be a StowageError whose code is typed by the declared codes', () => {
      const error = new QueueError('The queue "jobs" is full.', { fix: 'Retry later.' });
      const code: ErrorCode = error.code;
      expect(StowageError.is(error)).toBe(true);
      expect(code).toBe('QUEUE_FULL');
      expect(Object.keys(QUEUE_ERROR_CODES)).toEqual(['QUEUE_FULL']);
      expect(Object.isFrozen(QUEUE_ERROR_CODES)).toBe(true);
    });
  });
});
