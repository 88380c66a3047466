import { LogHintError } from '@stowage/core';
import { hint } from '../../src/log-hints/hint.builder';
import { parseLogHint } from '../../src/log-hints/parse-log-hint';

class PointFileOptions {
  format: 'json' | 'yaml' = 'json';
  precision = 6;
  describe(): string {
    return `${this.format}/${this.precision}`;
  }
}

describe('hint', () => {
  describe('when every step is used', () => {
    it('should build the same hint as the object form', () => {
      const built = hint('model')
        .as<PointFileOptions>('file', { format: 'yaml' })
        .tag('v2')
        .labels({ team: 'geo' })
        .labels({ stage: 'dev' })
        .itemized(2)
        .extraData({ table: '...' })
        .metrics({ accuracy: '...' })
        .build();
      expect(built).toEqual(
        parseLogHint({
          key: 'model',
          artifactType: 'file',
          options: { format: 'yaml' },
          tag: 'v2',
          labels: { team: 'geo', stage: 'dev' },
          itemized: 2,
          extraData: { table: '...' },
          metrics: { accuracy: '...' },
        }),
      );
    });
  });

  describe('when a step is applied', () => {
    it('should leave the earlier builder unchanged', () => {
      const base = hint('m');
      const tagged = base.tag('v1');
      expect(base.build().tag).toBeUndefined();
      expect(tagged.build().tag).toBe('v1');
    });

    it('should default itemized() to all levels', () => {
      expect(hint('m').itemized().build().itemized).toBe(true);
    });
  });

  describe('when the options class is passed', () => {
    it('should accept the options it declares', () => {
      const built = hint('p').as('file', PointFileOptions, { precision: 3 }).build();
      expect(built.options).toEqual({ precision: 3 });
    });

    it('should reject an option the class does not declare, listing the valid ones', () => {
      const attempt = (): unknown =>
        hint('p').as('file', PointFileOptions, { precison: 3 } as never);
      expect(attempt).toThrow(LogHintError);
      expect(attempt).toThrow(/precison/);
      try {
        attempt();
      } catch (e) {
        expect((e as LogHintError).code).toBe('LOG_HINT_UNKNOWN_OPTION');
        expect((e as LogHintError).details['validOptions']).toEqual(['format', 'precision']);
      }
    });

    it('should type-check option values', () => {
      // @ts-expect-error — 'xml' is not a PointFileOptions format.
      const built = hint('p').as<PointFileOptions>('file', { format: 'xml' }).build();
      // @ts-expect-error — 'describe' is a method, not an option.
      hint('p').as<PointFileOptions>('file', { describe: 'x' });
      expect(built.options).toEqual({ format: 'xml' });
    });
  });

  describe('when the tag is ""', () => {
    it('should build a hint with no tag', () => {
      expect(hint('m').tag('v1').tag('').build().tag).toBeUndefined();
    });
  });

  describe('when a field is invalid', () => {
    it('should throw LogHintError on build', () => {
      expect(() => hint('m').tag('bad tag').build()).toThrow(
        expect.objectContaining({ code: 'LOG_HINT_BAD_TAG' }),
      );
      expect(() => hint('a b').build()).toThrow(
        expect.objectContaining({ code: 'LOG_HINT_BAD_KEY' }),
      );
    });
  });

  describe('when passed to parseLogHint', () => {
    it('should be accepted as a hint source', () => {
      expect(parseLogHint(hint('m').as('file'))).toEqual(parseLogHint('m : file'));
    });
  });
});
