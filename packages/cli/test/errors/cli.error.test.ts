import { StowageError } from '@stowage/core';
import { CliError } from '../../src/errors/cli.error';
import { CLI_ERROR_CODES } from '../../src/errors/cli-error-codes';
import { UsageError } from '../../src/errors/usage.error';

describe('CliError', () => {
  describe('when built without a code', () => {
    it('should be a StowageError with the code CLI_RUN_FAILED', () => {
      const error = new CliError('Run r1 failed.');
      expect(StowageError.is(error)).toBe(true);
      expect(error.name).toBe('CliError');
      expect(error.code).toBe('CLI_RUN_FAILED');
    });
  });

  describe('when built with a code', () => {
    it('should keep a CLI_* code and refuse another at compile time', () => {
      const error = new CliError('dest exists.', { code: 'CLI_DESTINATION_EXISTS' });
      // @ts-expect-error -- a CliError carries only CLI_* codes.
      const other = new CliError('x', { code: 'NOT_FOUND' });
      expect(error.code).toBe('CLI_DESTINATION_EXISTS');
      expect(other.code).toBe('NOT_FOUND');
    });
  });

  describe('when the CLI codes are listed', () => {
    it('should list the default codes of CliError and UsageError', () => {
      expect(Object.keys(CLI_ERROR_CODES)).toEqual(
        expect.arrayContaining([CliError.defaultCode, UsageError.defaultCode]),
      );
    });
  });
});
