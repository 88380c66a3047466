import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** The Redis the tests use: `REDIS_URL`, default the one of scripts/redis-server.sh (port 16379). */
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:16379';

// Jest's describe() is synchronous, so reachability is probed once per test file in a child node.
function probe(): string | undefined {
  const script = `
    const u = new URL(process.argv[1]);
    const s = require('net').connect({ host: u.hostname, port: Number(u.port || 6379) });
    s.setTimeout(1500, () => process.exit(2));
    s.on('connect', () => process.exit(0)); s.on('error', () => process.exit(1));`;
  const result = spawnSync(process.execPath, ['-e', script, REDIS_URL], { timeout: 5000 });
  return result.status === 0 ? undefined : `nothing answers at ${REDIS_URL}`;
}

const unreachable = probe();
const inCi =
  process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';

/**
 * `describe` for tests that need Redis. When Redis is unreachable and `CI` is not set, the block
 * is skipped with a loud warning; under CI it runs (and fails).
 */
export function describeRedis(name: string, fn: () => void): void {
  if (unreachable === undefined || inCi) {
    describe(name, () => {
      // Real processes and network on a shared 2-core machine: allow far more than 5 s.
      jest.setTimeout(60_000);
      if (unreachable !== undefined) {
        it('should reach the Redis test server', () => {
          throw new Error(
            `Redis test server unreachable (${unreachable}); run: scripts/redis-server.sh start`,
          );
        });
      }
      fn();
    });
    return;
  }
  console.warn(
    `SKIPPING Redis tests "${name}": ${unreachable}.\n` +
      '  Start the local server: sudo scripts/redis-server.sh install && scripts/redis-server.sh start\n' +
      '  or point REDIS_URL at a Redis.',
  );
  describe.skip(name, fn);
}

/** A queue name no other test (or session) uses. */
export function uniqueQueue(): string {
  return `stowage-test-${randomBytes(6).toString('hex')}`;
}
