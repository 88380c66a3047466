import { NotFoundError } from '@stowage/core';
import {
  errorDetails,
  errorLine,
  exitCodeOf,
  EXIT_FAILURE,
  EXIT_USAGE,
} from '../../src/errors/error-line';
import { UsageError } from '../../src/errors/usage.error';

describe('errorLine', () => {
  describe('when the error is a StowageError with a fix', () => {
    it('should print what failed and how to fix it on one line', () => {
      const error = new NotFoundError('No artifact "model"\nin store file:///s', {
        fix: 'Check the key.\nOr the store.',
      });
      expect(errorLine(error)).toBe(
        'stowage: No artifact "model" in store file:///s. How to fix: Check the key. Or the store.',
      );
    });
  });

  describe('when the error is a plain Error', () => {
    it('should point at --debug for the stack trace', () => {
      expect(errorLine(new TypeError('x is not a function'))).toBe(
        'stowage: x is not a function. Run again with --debug to see the stack trace.',
      );
    });
  });
});

describe('errorDetails', () => {
  describe('when the error has a cause', () => {
    it('should include the chain of causes', () => {
      const error = new UsageError('Loading m.js failed', { cause: new Error('boom') });
      expect(errorDetails(error)).toContain('caused by Error: boom');
    });
  });
});

describe('exitCodeOf', () => {
  describe('when the error is a usage error', () => {
    it('should be 2', () => {
      expect(exitCodeOf(new UsageError('bad flag'))).toBe(EXIT_USAGE);
    });
  });

  describe('when the error is any other failure', () => {
    it('should be 1', () => {
      expect(exitCodeOf(new NotFoundError('gone'))).toBe(EXIT_FAILURE);
      expect(exitCodeOf(new Error('boom'))).toBe(EXIT_FAILURE);
    });
  });
});
