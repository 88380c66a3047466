import { isValidatedHint, normalizeLogHint } from '../../src/log-hints/log-hint-object';
import { parseLogHintString } from '../../src/log-hints/log-hint.parser';

describe(parseLogHintString, () => {
  describe('when the hint is a plain key (the fast path)', () => {
    it.each(['model', 'my-key.v1', '_x', '0', '1e5', 'a.b-c_d', 'true', 'null'])(
      'should give %s the same hint the full parser gives',
      (key) => {
        const fast = parseLogHintString(key);
        const full = parseLogHintString(` ${key} `);
        expect(fast).toStrictEqual(full);
        expect(fast).toStrictEqual(normalizeLogHint({ key }));
        expect(Object.keys(fast)).toEqual(Object.keys(full));
        expect(Object.isFrozen(fast)).toBe(true);
        expect(Object.isFrozen(fast.options)).toBe(true);
        expect(isValidatedHint(fast)).toBe(true);
      },
    );

    it('should return a new hint object per call', () => {
      expect(parseLogHintString('model')).not.toBe(parseLogHintString('model'));
    });
  });

  describe('when the hint only looks like a key', () => {
    it.each([
      ['model*', 'LOG_HINT_MISPLACED_STAR'],
      ['-model', 'LOG_HINT_BAD_KEY'],
      ['.model', 'LOG_HINT_BAD_KEY'],
      // The repository refuses these keys; the hint used to accept them and fail after packing.
      ['model.', 'LOG_HINT_BAD_KEY'],
      ['m'.repeat(201), 'LOG_HINT_BAD_KEY'],
      ["'model'", 'LOG_HINT_BAD_KEY'],
      ['mo{del', 'LOG_HINT_UNEXPECTED_CHARACTER'],
      ['model\n', undefined],
    ])('should parse %j with the full grammar', (source, code) => {
      if (code === undefined) {
        expect(parseLogHintString(source).key).toBe('model');
      } else {
        expect(() => parseLogHintString(source)).toThrow(expect.objectContaining({ code }));
      }
    });
  });
});
