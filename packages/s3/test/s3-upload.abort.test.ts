import { randomBytes } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { StoreError } from '@stowage/core';
import { listIncompleteUploads } from '../src/s3-bucket';
import { S3Store } from '../src/s3.store';
import { S3_ENDPOINT, describeS3, freshBucket } from './helpers/s3-test-server';

const MIB = 1024 * 1024;

/** Which requests the proxy swallows (reads, never answers); `times` limits how many. */
interface Stall {
  readonly match: (req: IncomingMessage) => boolean;
  times: number;
}

/** An HTTP proxy to the S3 test server that stalls the requests `stall` matches. */
async function stallingProxy(): Promise<{
  url: string;
  stall: (rule: Stall | undefined) => void;
  close: () => Promise<void>;
}> {
  const target = new URL(S3_ENDPOINT);
  let rule: Stall | undefined;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    if (rule !== undefined && rule.times > 0 && rule.match(req)) {
      rule.times--;
      req.resume();
      return;
    }
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stall: (next) => (rule = next),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const query = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://x').searchParams;
const isPart = (n: number) => (req: IncomingMessage) =>
  req.method === 'PUT' && query(req).get('partNumber') === String(n);
const isComplete = (req: IncomingMessage) => req.method === 'POST' && query(req).has('uploadId');
const isAbort = (req: IncomingMessage) => req.method === 'DELETE' && query(req).has('uploadId');

async function* chunks(bytes: number, failAt?: number): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < bytes; sent += 256 * 1024) {
    if (failAt !== undefined && sent >= failAt) throw new Error('the source broke');
    yield randomBytes(256 * 1024);
  }
}

describeS3('S3Store multipart uploads that are interrupted', () => {
  let bucket: Awaited<ReturnType<typeof freshBucket>>;
  let proxy: Awaited<ReturnType<typeof stallingProxy>>;
  let store: S3Store;
  beforeAll(async () => {
    bucket = await freshBucket({ prefix: 'abort' });
    proxy = await stallingProxy();
    store = new S3Store({
      ...bucket.options,
      endpoint: proxy.url,
      partSize: 5 * MIB,
      queueSize: 2,
      requestTimeoutMs: 1_000,
      maxAttempts: 2,
    });
  });
  afterEach(() => proxy.stall(undefined));
  afterAll(async () => {
    await store?.close();
    await proxy?.close();
    await bucket?.cleanup();
  });

  const leftovers = () => listIncompleteUploads(bucket.options);

  it.each([
    ['a part stops being answered', { match: isPart(2), times: 2 }, undefined, 'S3_TIMEOUT'],
    [
      'the completion stops being answered',
      { match: isComplete, times: 2 },
      undefined,
      'S3_TIMEOUT',
    ],
    [
      'a part and the first abort stop being answered',
      { match: (r: IncomingMessage) => isPart(2)(r) || isAbort(r), times: 3 },
      undefined,
      'S3_TIMEOUT',
    ],
    ['the source stream fails midway', undefined, 11 * MIB, 'STORE_FAILED'],
  ] as const)(
    'should abort the upload on the server when %s',
    async (_what, stall, failAt, code) => {
      proxy.stall(stall === undefined ? undefined : { ...stall });
      const path = `x-${randomBytes(4).toString('hex')}.bin`;
      const error = await store
        .put(path, Readable.from(chunks(16 * MIB, failAt)))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code });
      proxy.stall(undefined);
      expect(await store.stat(path)).toBeUndefined();
      expect(await leftovers()).toEqual([]);
    },
    60_000,
  );
});
