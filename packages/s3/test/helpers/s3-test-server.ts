import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { deleteBucket, ensureBucket } from '../../src/s3-bucket';
import type { S3StoreOptions } from '../../src/s3-store-options';

/** The S3 endpoint the tests use: `S3_ENDPOINT`, default the local Swift of scripts/s3-server.sh. */
export const S3_ENDPOINT = process.env['S3_ENDPOINT'] ?? 'http://127.0.0.1:18080';

/** Connection options of the test server (tempauth credentials of scripts/s3-server.sh). */
export const connection = {
  endpoint: S3_ENDPOINT,
  region: process.env['S3_REGION'] ?? 'us-east-1',
  forcePathStyle: true,
  credentials: {
    accessKeyId: process.env['S3_ACCESS_KEY_ID'] ?? 'test:tester',
    secretAccessKey: process.env['S3_SECRET_ACCESS_KEY'] ?? 'testing',
  },
  maxAttempts: 3,
} as const;

// Jest's describe() is synchronous, so reachability is probed once per test file in a child node.
function probe(): string | undefined {
  const script = `
    const u = new URL(process.argv[1]);
    const s = require('net').connect({ host: u.hostname, port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)) });
    s.setTimeout(1500, () => process.exit(2));
    s.on('connect', () => process.exit(0)); s.on('error', () => process.exit(1));`;
  const result = spawnSync(process.execPath, ['-e', script, S3_ENDPOINT], { timeout: 5000 });
  return result.status === 0 ? undefined : `nothing answers at ${S3_ENDPOINT}`;
}

const unreachable = probe();

/**
 * Why the S3 test server cannot be used (`undefined` when it answers); probed once per test file
 * (other packages' tests that need S3 use this too).
 */
export function s3Unreachable(): string | undefined {
  return unreachable;
}
const inCi =
  process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';

/**
 * `describe` for tests that need the S3 server. When the server is unreachable and `CI` is not
 * set, the block is skipped with a loud warning; under CI it runs (and fails).
 */
export function describeS3(name: string, fn: () => void): void {
  if (unreachable === undefined || inCi) {
    describe(name, () => {
      // Network tests on a shared 2-core machine: allow far more than jest's default 5 s.
      jest.setTimeout(60_000);
      if (unreachable !== undefined) {
        it('should reach the S3 test server', () => {
          throw new Error(
            `S3 test server unreachable (${unreachable}); run: scripts/s3-server.sh start`,
          );
        });
      }
      fn();
    });
    return;
  }
  console.warn(
    `SKIPPING S3 tests "${name}": ${unreachable}.\n` +
      '  Start the local server: sudo scripts/s3-server.sh install && scripts/s3-server.sh start\n' +
      '  or point S3_ENDPOINT (and S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY) at an S3 service.',
  );
  describe.skip(name, fn);
}

/** A unique bucket name for one test. */
export function uniqueBucket(): string {
  return `stowage-test-${randomBytes(6).toString('hex')}`;
}

/** Creates a fresh bucket and returns store options for it; `cleanup` deletes it. */
export async function freshBucket(extra: Partial<S3StoreOptions> = {}) {
  const options: S3StoreOptions = { ...connection, bucket: uniqueBucket(), ...extra };
  await ensureBucket(options);
  return { options, cleanup: () => deleteBucket(options) };
}
