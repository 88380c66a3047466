import fc from 'fast-check';
import { LogHintError } from '@stowage/core';
import { formatLogHint } from '../../src/log-hints/format-log-hint';
import type { LogHintValue } from '../../src/log-hints/log-hint';
import { parseLogHint } from '../../src/log-hints/parse-log-hint';

describe('formatLogHint', () => {
  describe('when a hint has a level, type and options', () => {
    it('should write the string form', () => {
      const h = parseLogHint({
        key: 'table',
        artifactType: 'file',
        itemized: 2,
        options: { format: 'csv', note: 'a, b', n: '42', l: [1, true] },
      });
      expect(formatLogHint(h)).toBe('2*table : file[format=csv, note="a, b", n="42", l=[1, true]]');
    });
  });

  describe('when an option has no string form', () => {
    it('should throw LOG_HINT_NOT_FORMATTABLE', () => {
      const h = parseLogHint({ key: 'k', artifactType: 'file', options: { when: new Date(0) } });
      expect(() => formatLogHint(h)).toThrow(LogHintError);
      expect(() => formatLogHint(h)).toThrow(
        expect.objectContaining({ code: 'LOG_HINT_NOT_FORMATTABLE' }),
      );
    });
  });

  describe('when formatted and parsed again', () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom('true', 'None', '1e3', 'a b', 'x:y', '"q"', "it's", '\\', '[', ''),
    );
    const { value } = fc.letrec<{ value: LogHintValue }>((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 3 })),
    }));
    const ident = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
    // Keys follow the repository's rule (no trailing "."), which log hints check too.
    const key = fc.stringMatching(/^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,9}[A-Za-z0-9_-])?$/);
    const artifactType = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);
    const itemized = fc.oneof(fc.boolean(), fc.integer({ min: 1, max: 50 }));

    it('should give back the same key, level, type and options', () => {
      fc.assert(
        fc.property(
          key,
          artifactType,
          itemized,
          fc.dictionary(ident, value, { maxKeys: 4 }),
          (k, t, i, options) => {
            const h = parseLogHint({ key: k, artifactType: t, itemized: i, options });
            expect(parseLogHint(formatLogHint(h))).toEqual(h);
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
