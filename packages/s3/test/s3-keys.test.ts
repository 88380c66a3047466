import { ConfigError } from '@stowage/core';
import { checkBucketName, normalizePrefix, objectKey, storeUrl } from '../src/s3-keys';

describe(normalizePrefix, () => {
  describe('when given a prefix with slashes around it', () => {
    it('should trim them', () => {
      expect(normalizePrefix('/team/a/')).toBe('team/a');
      expect(normalizePrefix(undefined)).toBe('');
      expect(normalizePrefix('///')).toBe('');
    });
  });

  describe('when the prefix could escape or is malformed', () => {
    it.each(['a/../b', './a', 'a//b', 'a\\b', 'a\u0000'])(
      'should reject %j with ConfigError',
      (prefix) => {
        expect(() => normalizePrefix(prefix)).toThrow(ConfigError);
      },
    );
  });
});

describe(checkBucketName, () => {
  describe('when the name is empty or has a slash', () => {
    it.each(['', 'bucket/prefix'])('should reject %j with CONFIG_INVALID', (name) => {
      expect(() => checkBucketName(name)).toThrow(
        expect.objectContaining({ code: 'CONFIG_INVALID' }),
      );
    });
  });
});

describe(objectKey, () => {
  describe('when there is a prefix', () => {
    it('should put the path under it', () => {
      expect(objectKey('p/q', 'a/b.bin')).toBe('p/q/a/b.bin');
      expect(objectKey('', 'a/b.bin')).toBe('a/b.bin');
    });
  });
});

describe(storeUrl, () => {
  describe('when building the store URL', () => {
    it('should omit an empty prefix', () => {
      expect(storeUrl('b', '')).toBe('s3://b');
      expect(storeUrl('b', 'p/q')).toBe('s3://b/p/q');
    });
  });
});
