import { S3Client } from '@aws-sdk/client-s3';
import { createS3Client, describeEndpoint, s3ClientConfig } from '../src/s3-client.factory';

describe(s3ClientConfig, () => {
  const saved = { ...process.env };
  beforeEach(() => {
    delete process.env['AWS_ENDPOINT_URL_S3'];
    delete process.env['AWS_ENDPOINT_URL'];
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  describe('when an endpoint is given', () => {
    it('should default to path-style addressing and WHEN_REQUIRED checksums', () => {
      const config = s3ClientConfig({ endpoint: 'http://127.0.0.1:18080', region: 'us-east-1' });
      expect(config).toMatchObject({
        endpoint: 'http://127.0.0.1:18080',
        forcePathStyle: true,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 5,
        retryMode: 'standard',
      });
      expect(config.credentials).toBeUndefined();
    });
  });

  describe('when no endpoint is given (AWS S3)', () => {
    it('should use virtual-hosted addressing unless told otherwise', () => {
      expect(s3ClientConfig({ region: 'eu-west-1' }).forcePathStyle).toBe(false);
      expect(s3ClientConfig({ region: 'eu-west-1', forcePathStyle: true }).forcePathStyle).toBe(
        true,
      );
      expect(describeEndpoint({ region: 'eu-west-1' })).toBe('AWS S3 (region eu-west-1)');
    });
  });

  describe('when the endpoint comes from AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL', () => {
    it('should use it, prefer the S3-specific one, and switch to path-style', () => {
      process.env['AWS_ENDPOINT_URL'] = 'http://generic:1';
      expect(s3ClientConfig({})).toMatchObject({
        endpoint: 'http://generic:1',
        forcePathStyle: true,
      });
      process.env['AWS_ENDPOINT_URL_S3'] = 'http://s3-only:2';
      expect(s3ClientConfig({}).endpoint).toBe('http://s3-only:2');
      expect(describeEndpoint({})).toBe('http://s3-only:2');
      expect(s3ClientConfig({ endpoint: 'http://explicit:3' }).endpoint).toBe('http://explicit:3');
    });
  });

  describe('when options override the defaults', () => {
    it('should pass them through', () => {
      const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };
      const config = s3ClientConfig({
        credentials,
        maxAttempts: 9,
        retryMode: 'adaptive',
        requestChecksumCalculation: 'WHEN_SUPPORTED',
      });
      expect(config).toMatchObject({ credentials, maxAttempts: 9, retryMode: 'adaptive' });
      expect(config.requestChecksumCalculation).toBe('WHEN_SUPPORTED');
    });
  });
});

describe(createS3Client, () => {
  describe('when a client is passed in', () => {
    it('should use it and not own it', () => {
      const client = new S3Client({ region: 'us-east-1' });
      expect(createS3Client({ client })).toEqual({ client, owned: false });
      client.destroy();
    });
  });

  describe('when no client is passed in', () => {
    it('should build one it owns', () => {
      const made = createS3Client({ region: 'us-east-1' });
      expect(made.owned).toBe(true);
      expect(made.client).toBeInstanceOf(S3Client);
      made.client.destroy();
    });
  });
});
