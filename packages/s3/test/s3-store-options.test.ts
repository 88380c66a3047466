import { ConfigError } from '@stowage/core';
import {
  MIN_PART_SIZE,
  S3_DEFAULTS,
  resolveRegion,
  resolveUploadOptions,
} from '../src/s3-store-options';

describe(resolveUploadOptions, () => {
  describe('when nothing is given', () => {
    it('should use 8 MiB parts, 4 in flight, and the part size as threshold', () => {
      expect(resolveUploadOptions({})).toEqual({
        partSize: S3_DEFAULTS.partSize,
        queueSize: 4,
        multipartThreshold: S3_DEFAULTS.partSize,
      });
    });
  });

  describe('when a value is out of range', () => {
    it.each([
      { partSize: MIN_PART_SIZE - 1 },
      { queueSize: 0 },
      { multipartThreshold: -1 },
      { partSize: 6_000_000.5 },
    ])('should reject %j with ConfigError', (options) => {
      expect(() => resolveUploadOptions(options)).toThrow(ConfigError);
    });
  });
});

describe(resolveRegion, () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  describe('when no region is given', () => {
    it('should read AWS_REGION, then AWS_DEFAULT_REGION, then use us-east-1', () => {
      delete process.env['AWS_REGION'];
      delete process.env['AWS_DEFAULT_REGION'];
      expect(resolveRegion({})).toBe('us-east-1');
      process.env['AWS_DEFAULT_REGION'] = 'eu-central-1';
      expect(resolveRegion({})).toBe('eu-central-1');
      process.env['AWS_REGION'] = 'ap-south-1';
      expect(resolveRegion({})).toBe('ap-south-1');
      expect(resolveRegion({ region: 'us-west-2' })).toBe('us-west-2');
    });
  });
});
