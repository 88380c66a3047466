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

  describe('when the error has causes', () => {
    it('should print one indented line per cause, with its own fix, and not repeat it above', () => {
      const root = new NotFoundError('No object "a.bin"', { fix: 'Check the key.' });
      const middle = new UsageError('Reading input "data" failed.', {
        fix: 'Check the URI.',
        cause: root,
      });
      const error = new UsageError('The run did not start.', { cause: middle });
      expect(errorLine(error).split('\n')).toEqual([
        'stowage: The run did not start.',
        '  caused by UsageError [CLI_USAGE_INVALID]: Reading input "data" failed. How to fix: Check the URI.',
        '    caused by NotFoundError [NOT_FOUND]: No object "a.bin". How to fix: Check the key.',
      ]);
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
    it('should print the stack of the error and of its cause', () => {
      const error = new UsageError('Loading m.js failed', { cause: new Error('boom') });
      const details = errorDetails(error);
      expect(details).toMatch(/^stack of UsageError:\n\s+at /);
      expect(details).toMatch(/\nstack of Error \(cause 1\):\n\s+at /);
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
