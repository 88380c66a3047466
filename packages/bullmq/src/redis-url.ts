import { Redis, type RedisOptions } from 'ioredis';
import { QueueError } from './queue.error';

/** The Redis URL used when none is given: `REDIS_URL`, else a Redis on this machine's default port. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** How long the connection check before any job waits for Redis to answer (ms). */
export const DEFAULT_REDIS_CHECK_MS = 5_000;

/** Redis connection settings read from a URL, safe to print (the password is masked). */
export interface RedisTarget {
  /** The URL with any password replaced by `***` (for messages and logs). */
  readonly display: string;
  /** ioredis options for BullMQ connections (`maxRetriesPerRequest: null`, as BullMQ requires). */
  readonly options: RedisOptions;
}

/**
 * Reads `redis://[user:password@]host[:port][/db]` or `rediss://…` (TLS).
 *
 * @throws QueueError `QUEUE_REDIS_URL_INVALID` for anything else.
 */
export function parseRedisUrl(text: string): RedisTarget {
  const invalid = (why: string): never => {
    throw new QueueError(`The Redis URL "${maskUrl(text)}" is not usable: ${why}.`, {
      code: 'QUEUE_REDIS_URL_INVALID',
      details: { url: maskUrl(text) },
      fix: 'Give redis://host:port[/db] (or rediss:// for TLS), e.g. redis://127.0.0.1:6379, with --redis or REDIS_URL.',
    });
  };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalid('it is not a URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    invalid(`the scheme is "${url.protocol}", not redis: or rediss:`);
  if (url.hostname === '') invalid('it names no host');
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d{1,2}$/.test(dbText)) invalid(`"/${dbText}" is not a database number`);
  const options: RedisOptions = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    db: dbText === '' ? 0 : Number(dbText),
    maxRetriesPerRequest: null,
    ...(url.username !== '' ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password !== '' ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  return { display: maskUrl(text), options };
}

/** The URL with its password replaced by `***`. */
function maskUrl(text: string): string {
  return text.replace(/^([a-z]+:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

/**
 * Connects once, sends PING and disconnects: a queue or worker calls it before it takes or adds
 * any job, so a wrong address is one clear error rather than endless reconnect attempts.
 *
 * @throws QueueError `QUEUE_REDIS_UNREACHABLE` when Redis does not answer within `timeoutMs`.
 */
export async function checkRedis(
  target: RedisTarget,
  timeoutMs: number = DEFAULT_REDIS_CHECK_MS,
): Promise<void> {
  const client = new Redis({
    ...target.options,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([client.connect().then(() => client.ping()), timeout]);
  } catch (error) {
    throw new QueueError(
      `Redis at ${target.display} could not be reached: ${(error as Error).message.replace(/\.$/, '')}.`,
      {
        code: 'QUEUE_REDIS_UNREACHABLE',
        details: { url: target.display },
        fix: 'Start Redis there (scripts/redis-server.sh start for a local one) or fix --redis / REDIS_URL; check firewalls between this machine and Redis.',
        cause: error,
      },
    );
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    client.disconnect();
  }
}
