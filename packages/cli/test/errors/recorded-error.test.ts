import { StowageError, type RunErrorRecord } from '@stowage/core';
import { describeRecordedError, errorFromRecord } from '../../src/errors/recorded-error';

describe('errorFromRecord', () => {
  describe('when a recorded error has causes', () => {
    const record: RunErrorRecord = {
      name: 'UnpackingError',
      code: 'UNPACKING_INPUT_FAILED',
      message: 'Unpacking input "data" failed before the handler ran.',
      fix: 'Check the URI.',
      cause: {
        name: 'StoreError',
        code: 'S3_UNREACHABLE',
        message: 'Could not read "a.bin".',
        fix: 'Start the server.',
        cause: { name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:9' },
      },
    };

    it('should rebuild the chain with each level name, code and fix', () => {
      const error = errorFromRecord(record);
      expect(StowageError.is(error)).toBe(true);
      expect(describeRecordedError(record).split('\n')).toEqual([
        'UnpackingError [UNPACKING_INPUT_FAILED]: Unpacking input "data" failed before the handler ran.',
        '  How to fix: Check the URI.',
        '  caused by StoreError [S3_UNREACHABLE]: Could not read "a.bin".',
        '    How to fix: Start the server.',
        '    caused by Error: connect ECONNREFUSED 127.0.0.1:9',
      ]);
    });
  });
});
