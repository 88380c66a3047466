import { S3Client } from '@aws-sdk/client-s3';
import { NotFoundError, StoreError } from '@stowage/core';
import { s3ClientConfig } from '../src/s3-client.factory';
import { toS3Error } from '../src/s3-error.mapper';
import { S3Store } from '../src/s3.store';
import { connection, describeS3, freshBucket, uniqueBucket } from './helpers/s3-test-server';

const ctx = {
  operation: 'read',
  storeUrl: 's3://b/p',
  bucket: 'b',
  endpoint: 'http://h:1',
  path: 'k',
};
const sdkError = (name: string, status?: number, extra: object = {}) =>
  Object.assign(new Error(`${name} happened`), {
    name,
    $metadata: { httpStatusCode: status },
    ...extra,
  });
const SDK_FRAMES = /node_modules[\\/]@(aws-sdk|smithy)/;

describe(toS3Error, () => {
  describe('when the SDK reports a known failure', () => {
    it.each([
      ['AccessDenied', 403, 'S3_ACCESS_DENIED'],
      ['SignatureDoesNotMatch', 403, 'S3_ACCESS_DENIED'],
      ['Unknown', 403, 'S3_ACCESS_DENIED'],
      ['NoSuchBucket', 404, 'S3_NO_BUCKET'],
      ['CredentialsProviderError', undefined, 'S3_NO_CREDENTIALS'],
      ['SlowDown', 503, 'S3_REQUEST_FAILED'],
      ['InternalError', 500, 'S3_REQUEST_FAILED'],
      ['TimeoutError', undefined, 'S3_TIMEOUT'],
      ['RequestTimeout', 400, 'S3_TIMEOUT'],
    ])('should map %s (%s) to %s', (name, status, code) => {
      const error = toS3Error(sdkError(name, status), ctx);
      expect(error).toBeInstanceOf(StoreError);
      expect(error.code).toBe(code);
      expect(error.fix).toEqual(expect.any(String));
      expect(error.cause).toBeInstanceOf(Error);
    });

    it('should map a missing key to NotFoundError', () => {
      expect(toS3Error(sdkError('NoSuchKey', 404), ctx)).toBeInstanceOf(NotFoundError);
      expect(toS3Error(sdkError('NotFound', 404), ctx)).toBeInstanceOf(NotFoundError);
    });

    it('should not call a 404 while writing a missing object', () => {
      const error = toS3Error(sdkError('NoSuchUpload', 404), { ...ctx, operation: 'write' });
      expect(error.code).toBe('S3_REQUEST_FAILED');
    });

    it('should map a refused connection, also when wrapped in an AggregateError', () => {
      const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      expect(toS3Error(refused, ctx).code).toBe('S3_UNREACHABLE');
      const aggregate = new AggregateError([refused], 'all failed');
      expect(toS3Error(aggregate, ctx).message).toContain('http://h:1');
    });
  });

  describe('when given a Stowage error', () => {
    it('should pass it through unchanged', () => {
      const original = new StoreError('x');
      expect(toS3Error(original, ctx)).toBe(original);
    });
  });
});

describe('S3Store errors', () => {
  describe('when the endpoint is unreachable', () => {
    it('should throw S3_UNREACHABLE naming the endpoint, without SDK stack frames', async () => {
      const store = new S3Store({
        ...connection,
        endpoint: 'http://127.0.0.1:9',
        bucket: 'b',
        maxAttempts: 1,
      });
      const error = (await store.get('a.bin').catch((e: unknown) => e)) as StoreError;
      expect(error).toBeInstanceOf(StoreError);
      expect(error.code).toBe('S3_UNREACHABLE');
      expect(error.message).toContain('http://127.0.0.1:9');
      expect(error.stack).not.toMatch(SDK_FRAMES);
      expect(error.details).toMatchObject({ bucket: 'b', path: 'a.bin', errno: 'ECONNREFUSED' });
      await store.close();
    });
  });

  describe('when no credentials can be found', () => {
    it('should throw S3_NO_CREDENTIALS', async () => {
      const credentials = async () => {
        throw Object.assign(new Error('Could not load credentials from any providers'), {
          name: 'CredentialsProviderError',
        });
      };
      const store = new S3Store({ ...connection, credentials, bucket: 'b', maxAttempts: 1 });
      await expect(store.put('a', Buffer.from('a'))).rejects.toMatchObject({
        code: 'S3_NO_CREDENTIALS',
      });
      await store.close();
    });
  });
});

describeS3('S3Store errors against the server', () => {
  let bucket: Awaited<ReturnType<typeof freshBucket>>;
  beforeAll(async () => {
    bucket = await freshBucket();
  });
  afterAll(async () => {
    await bucket?.cleanup();
  });

  describe('when the credentials are wrong', () => {
    it('should throw S3_ACCESS_DENIED from every operation', async () => {
      const credentials = { accessKeyId: 'test:tester', secretAccessKey: 'wrong' };
      const store = new S3Store({ ...bucket.options, credentials });
      for (const op of [
        () => store.put('a', Buffer.from('a')),
        () => store.get('a'),
        () => store.stat('a'),
        () => store.delete('a'),
      ]) {
        const error = (await op().catch((e: unknown) => e)) as StoreError;
        expect(error).toBeInstanceOf(StoreError);
        expect(error.code).toBe('S3_ACCESS_DENIED');
        expect(error.stack).not.toMatch(SDK_FRAMES);
      }
      await store.close();
    });
  });

  describe('when the bucket does not exist', () => {
    it('should throw S3_NO_BUCKET naming the bucket from put, get, stat and list', async () => {
      const store = new S3Store({ ...connection, bucket: uniqueBucket() });
      for (const op of [
        () => store.put('a', Buffer.from('a')),
        () => store.get('a'),
        () => store.stat('a'),
        async () => {
          for await (const item of store.list('')) void item;
        },
      ]) {
        const error = (await op().catch((e: unknown) => e)) as StoreError;
        expect(error).toMatchObject({ code: 'S3_NO_BUCKET' });
        expect(error.message).toContain(store.bucket);
      }
      await store.close();
    });
  });

  describe('when the service throttles', () => {
    /** A client whose first `failures` PutObject attempts get a 503 SlowDown. */
    const throttlingClient = (failures: number, maxAttempts: number) => {
      const client = new S3Client(s3ClientConfig({ ...connection, maxAttempts }));
      const seen = { attempts: 0 };
      client.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName === 'PutObjectCommand' && seen.attempts++ < failures) {
            throw Object.assign(new Error('Please reduce your request rate.'), {
              name: 'SlowDown',
              $fault: 'server',
              $metadata: { httpStatusCode: 503 },
            });
          }
          return next(args);
        },
        { step: 'deserialize', name: 'throttle' },
      );
      return { client, seen };
    };

    it('should retry with backoff and succeed within maxAttempts', async () => {
      const { client, seen } = throttlingClient(2, 3);
      const store = new S3Store({ ...bucket.options, client, prefix: 'throttle-ok' });
      await expect(store.put('a', Buffer.from('a'))).resolves.toMatchObject({ size: 1 });
      expect(seen.attempts).toBe(3);
      client.destroy();
    });

    it('should give up after maxAttempts with S3_REQUEST_FAILED', async () => {
      const { client, seen } = throttlingClient(10, 2);
      const store = new S3Store({ ...bucket.options, client, prefix: 'throttle-fail' });
      await expect(store.put('a', Buffer.from('a'))).rejects.toMatchObject({
        code: 'S3_REQUEST_FAILED',
      });
      expect(seen.attempts).toBe(2);
      client.destroy();
    });
  });
});
