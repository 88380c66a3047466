import { NotFoundError } from '../../src/errors/not-found.error';
import { errorSummary, StowageError } from '../../src/errors/stowage.error';
import { UnpackingError } from '../../src/errors/unpacking.error';

describe('StowageError', () => {
  describe('when built with a fix', () => {
    it('should keep what failed in summary and append the fix to the message only', () => {
      const error = new NotFoundError('No artifact "model".', { fix: 'Check the key.' });
      expect(error.summary).toBe('No artifact "model".');
      expect(error.message).toBe('No artifact "model".\n  How to fix: Check the key.');
      expect(error.fix).toBe('Check the key.');
    });
  });

  describe('when it wraps a chain of causes', () => {
    const root = new Error('connect ECONNREFUSED 127.0.0.1:9');
    const store = new NotFoundError('Could not read "a.bin".', {
      fix: 'Start the server.',
      cause: root,
    });
    const error = new UnpackingError('Unpacking input "data" failed.', {
      code: 'UNPACKING_INPUT_FAILED',
      fix: 'Check the URI.',
      cause: store,
    });

    it('should describe every level indented, each with its own fix once', () => {
      expect(error.describe().split('\n')).toEqual([
        'UnpackingError [UNPACKING_INPUT_FAILED]: Unpacking input "data" failed.',
        '  How to fix: Check the URI.',
        '  caused by NotFoundError [NOT_FOUND]: Could not read "a.bin".',
        '    How to fix: Start the server.',
        '    caused by Error: connect ECONNREFUSED 127.0.0.1:9',
      ]);
    });

    it('should not repeat a cause or its fix in its own message', () => {
      expect(error.message).not.toContain('a.bin');
      expect(error.message).not.toContain('Start the server');
    });
  });

  describe('when built with a code', () => {
    it('should type the code by the known codes and keep it', () => {
      const error = new StowageError('Outer.', { code: 'STORE_FAILED' });
      // @ts-expect-error -- not a known code: `code` is typed by ErrorCode, not any string.
      const unknown = new StowageError('Outer.', { code: 'NOT_A_KNOWN_CODE' });
      expect(error.code).toBe('STORE_FAILED');
      expect(unknown.code).toBe('NOT_A_KNOWN_CODE');
    });
  });

  describe('when a non-Error value is thrown as a cause', () => {
    it('should describe the value', () => {
      const error = new StowageError('Outer.', { cause: { reason: 'x' } });
      expect(error.describe()).toBe(
        'StowageError [STOWAGE_ERROR]: Outer.\n  caused by {"reason":"x"}',
      );
    });
  });
});

describe('errorSummary', () => {
  describe('when given each kind of thrown value', () => {
    it('should return what failed at that level only', () => {
      expect(errorSummary(new NotFoundError('Gone.', { fix: 'Look again.' }))).toBe('Gone.');
      expect(errorSummary(new TypeError('x is not a function'))).toBe('x is not a function');
      expect(errorSummary('plain text')).toBe('plain text');
      expect(errorSummary(42)).toBe('42');
    });
  });
});
