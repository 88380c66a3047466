import { randomBytes } from 'node:crypto';
import type { S3Store } from '@stowage/s3';
import { connection, s3Unreachable } from '../../../s3/test/helpers/s3-test-server';

export { s3Unreachable };

/** Connection options of the S3 test server (those of the s3 package's tests) on a bucket of its own. */
export function s3TestConnection(bucket = `stowage-bullmq-${randomBytes(4).toString('hex')}`) {
  return { ...connection, bucket } as const;
}

/** One S3 request a store sent: the SDK command name (`PutObjectCommand` → `PutObject`) and key. */
export interface S3Request {
  readonly command: string;
  readonly key: string;
}

/**
 * Records every request `store` sends (one entry per SDK command, before retries), in order.
 * Returns the live list; empty it with `log.length = 0`.
 */
export function logS3Requests(store: S3Store): S3Request[] {
  const log: S3Request[] = [];
  const base = store.prefix === '' ? '' : `${store.prefix}/`;
  store.client.middlewareStack.add(
    (next, context) => (args) => {
      const input = args.input as { Key?: unknown };
      const key = typeof input.Key === 'string' ? input.Key.slice(base.length) : '';
      log.push({ command: String(context.commandName).replace(/Command$/, ''), key });
      return next(args);
    },
    { step: 'initialize', name: 'stowageTestRequestLog' },
  );
  return log;
}
