import { StowageError } from '@stowage/core';
import { UsageError } from '../../src/errors/usage.error';
import { collect, parseKeyValue, parseKeyValues } from '../../src/options/key-value.option';

describe('parseKeyValue', () => {
  describe('when the text is key=value', () => {
    it('should split at the first "=" only', () => {
      expect(parseKeyValue('query=a=b', '--param')).toEqual({ key: 'query', value: 'a=b' });
    });

    it('should keep an empty value', () => {
      expect(parseKeyValue('note=', '--param')).toEqual({ key: 'note', value: '' });
    });
  });

  describe('when the text is malformed', () => {
    it.each(['alpha', '=1', '1x=2', 'a b=1'])('should throw a UsageError for %p', (text) => {
      const error = captured(() => parseKeyValue(text, '--param'));
      expect(UsageError.is(error)).toBe(true);
      expect((error as StowageError).code).toBe('CLI_USAGE_INVALID');
      expect((error as StowageError).fix).toContain('--param alpha=0.5');
    });

    it('should suggest a URI for --input', () => {
      const error = captured(() => parseKeyValue('data', '--input')) as StowageError;
      expect(error.fix).toContain('--input data=store://my-data');
    });
  });
});

describe('parseKeyValues', () => {
  describe('when keys are distinct', () => {
    it('should build a record in order', () => {
      expect(parseKeyValues(['a=1', 'b=two'], '--label')).toEqual({ a: '1', b: 'two' });
    });
  });

  describe('when a key repeats', () => {
    it('should throw a UsageError naming the key', () => {
      const error = captured(() => parseKeyValues(['a=1', 'a=2'], '--label')) as StowageError;
      expect(UsageError.is(error)).toBe(true);
      expect(error.message).toContain('--label "a" is given twice');
    });
  });

  describe('when nothing is given', () => {
    it('should return an empty record', () => {
      expect(parseKeyValues(undefined, '--param')).toEqual({});
    });
  });
});

describe('collect', () => {
  describe('when called repeatedly', () => {
    it('should return new arrays without changing the previous one', () => {
      const first = collect('a', undefined);
      const second = collect('b', first);
      expect(first).toEqual(['a']);
      expect(second).toEqual(['a', 'b']);
    });
  });
});

function captured(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
