import { LifecycleError } from '../../src/errors/lifecycle.error';
import { formatRetentionRules, parseRetentionRules } from '../../src/lifecycle/retention-rules';
import { expectStowageError } from '../helpers/expect-stowage-error';

describe(parseRetentionRules, () => {
  describe('when the rules are well formed', () => {
    it.each([
      ['last=5,tagged,younger=30d', { last: 5, tagged: true, youngerThanMs: 30 * 86_400_000 }],
      [' tagged ', { tagged: true }],
      ['younger=12h, last=1', { last: 1, tagged: false, youngerThanMs: 12 * 3_600_000 }],
      ['younger=2w', { tagged: false, youngerThanMs: 14 * 86_400_000 }],
    ])('should read %s', (text, rules) => {
      expect(parseRetentionRules(text)).toEqual(rules);
    });

    it('should write them back in the same syntax', () => {
      expect(formatRetentionRules(parseRetentionRules('younger=30d,tagged,last=5'))).toBe(
        'last=5,tagged,younger=30d',
      );
    });
  });

  describe('when the rules are malformed', () => {
    it.each([
      ['', 'no rule given'],
      ['last=0', 'last needs a whole number'],
      ['last=two', 'last needs a whole number'],
      ['last', 'last needs a whole number'],
      ['younger=30', 'is not a duration'],
      ['younger=-1d', 'is not a duration'],
      ['younger', 'younger needs a duration'],
      ['tagged=yes', 'tagged takes no value'],
      ['last=1,last=2', 'given twice'],
      ['keep=3', 'is not a rule'],
      ['last=1=2', 'more than one "="'],
    ])('should refuse %p, saying %s', (text, problem) => {
      const error = expectStowageError(
        () => parseRetentionRules(text),
        LifecycleError,
        'LIFECYCLE_RETENTION_INVALID',
      );
      expect(error.message).toContain(problem);
      expect(error.fix).toContain('last=5,tagged,younger=30d');
    });
  });
});
