import { StoreError, StowageError } from '@stowage/core';
import { S3Error } from '../src/s3.error';
import { S3_ERROR_CODES } from '../src/s3-error-codes';

describe('S3Error', () => {
  describe('when built without a code', () => {
    it('should be a StoreError with the code S3_REQUEST_FAILED', () => {
      const error = new S3Error('Could not read "a" in s3://b.', { fix: 'Retry later.' });
      expect(error).toBeInstanceOf(StoreError);
      expect(StoreError.is(error)).toBe(true);
      expect(error.name).toBe('S3Error');
      expect(error.code).toBe('S3_REQUEST_FAILED');
    });
  });

  describe('when built with each S3 code', () => {
    it.each(Object.keys(S3_ERROR_CODES))('should keep %s', (code) => {
      const error = new S3Error('x', { code: code as keyof typeof S3_ERROR_CODES });
      expect(error.code).toBe(code);
    });

    it('should refuse a code of another package at compile time', () => {
      // @ts-expect-error -- an S3Error carries only S3_* codes.
      const error = new S3Error('x', { code: 'PACKING_FAILED' });
      expect(StowageError.is(error)).toBe(true);
    });
  });
});
