import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { S3Store } from '@stowage/s3';

/** The S3 endpoint of the tests: `S3_ENDPOINT`, default the local server of scripts/s3-server.sh. */
export const S3_ENDPOINT = process.env['S3_ENDPOINT'] ?? 'http://127.0.0.1:18080';

/** Connection options of the S3 test server (its tempauth credentials) on a bucket of its own. */
export function s3TestConnection(bucket = `stowage-bullmq-${randomBytes(4).toString('hex')}`) {
  return {
    bucket,
    endpoint: S3_ENDPOINT,
    region: process.env['S3_REGION'] ?? 'us-east-1',
    forcePathStyle: true,
    credentials: {
      accessKeyId: process.env['S3_ACCESS_KEY_ID'] ?? 'test:tester',
      secretAccessKey: process.env['S3_SECRET_ACCESS_KEY'] ?? 'testing',
    },
    maxAttempts: 3,
  } as const;
}

/** Why the S3 test server cannot be used (`undefined` when it answers); probed in a child. */
export function s3Unreachable(): string | undefined {
  const script = `
    const u = new URL(process.argv[1]);
    const s = require('net').connect({ host: u.hostname, port: Number(u.port || 80) });
    s.setTimeout(1500, () => process.exit(2));
    s.on('connect', () => process.exit(0)); s.on('error', () => process.exit(1));`;
  const result = spawnSync(process.execPath, ['-e', script, S3_ENDPOINT], { timeout: 5000 });
  return result.status === 0 ? undefined : `nothing answers at ${S3_ENDPOINT}`;
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
