import { InvalidKeyError } from '@stowage/core';
import { parseS3Uri } from '../src/s3-uri';

describe(parseS3Uri, () => {
  describe('when given a bucket and key', () => {
    it('should split them and decode percent escapes', () => {
      expect(parseS3Uri('s3://data/iris/iris.csv')).toEqual({
        bucket: 'data',
        key: 'iris/iris.csv',
      });
      expect(parseS3Uri('s3://data/a%20b%23c')).toEqual({ bucket: 'data', key: 'a b#c' });
    });

    it('should accept a bare bucket and drop a trailing slash', () => {
      expect(parseS3Uri('s3://data')).toEqual({ bucket: 'data', key: '' });
      expect(parseS3Uri('s3://data/team/')).toEqual({ bucket: 'data', key: 'team' });
    });
  });

  describe('when the URI is not an S3 URI', () => {
    it.each(['https://x/y', 's3://', 's3:///key', 's3://b/%zz'])(
      'should reject %j with InvalidKeyError',
      (uri) => {
        expect(() => parseS3Uri(uri)).toThrow(InvalidKeyError);
      },
    );
  });
});
