import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { StoreError } from '@stowage/core';
import { S3Store } from '../src/s3.store';

const TIMEOUT_MS = 300;
/** Two attempts of 300 ms plus the SDK's backoff, with slack for a loaded machine. */
const BOUND_MS = 6_000;

/** A TCP server on loopback; `answer` decides what each connection gets. */
async function tcpServer(answer: (socket: Socket) => void): Promise<{
  url: string;
  close: () => Promise<void>;
}> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    answer(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function storeAt(endpoint: string): S3Store {
  return new S3Store({
    endpoint,
    bucket: 'stalled',
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    requestTimeoutMs: TIMEOUT_MS,
    connectionTimeoutMs: TIMEOUT_MS,
    maxAttempts: 2,
  });
}

/** Runs `operation` and returns the error and how long it took to come. */
async function timed(operation: () => Promise<unknown>): Promise<[unknown, number]> {
  const started = Date.now();
  const error = await operation().then(
    () => undefined,
    (e: unknown) => e,
  );
  return [error, Date.now() - started];
}

describe(S3Store, () => {
  describe('when the server accepts connections and never answers', () => {
    let server: Awaited<ReturnType<typeof tcpServer>>;
    let store: S3Store;
    beforeAll(async () => {
      server = await tcpServer((socket) => socket.resume());
      store = storeAt(server.url);
    });
    afterAll(async () => {
      await store.close();
      await server.close();
    });

    it.each([
      ['put', (s: S3Store) => s.put('a.bin', Buffer.from('abc'))],
      ['get', (s: S3Store) => s.get('a.bin')],
      ['stream', (s: S3Store) => s.stream('a.bin')],
      ['stat', (s: S3Store) => s.stat('a.bin')],
      ['delete', (s: S3Store) => s.delete('a.bin')],
      [
        'list',
        async (s: S3Store) => {
          for await (const stat of s.list('')) void stat;
        },
      ],
    ])('should fail %s with S3_TIMEOUT within the bound', async (_name, operation) => {
      const [error, elapsed] = await timed(() => operation(store));
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'S3_TIMEOUT' });
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS);
      expect(elapsed).toBeLessThan(BOUND_MS);
    });
  });

  describe('when the server sends the headers, then part of the body, then stalls', () => {
    let server: Awaited<ReturnType<typeof tcpServer>>;
    let store: S3Store;
    beforeAll(async () => {
      server = await tcpServer((socket) => {
        socket.once('data', () => {
          socket.write(
            'HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n' +
              'Content-Length: 100000\r\nLast-Modified: Tue, 01 Dec 2026 00:00:00 GMT\r\n\r\n',
          );
          socket.write(Buffer.alloc(1000, 1));
        });
      });
      store = storeAt(server.url);
    });
    afterAll(async () => {
      await store.close();
      await server.close();
    });

    it('should fail get with S3_TIMEOUT within the bound', async () => {
      const [error, elapsed] = await timed(() => store.get('a.bin'));
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'S3_TIMEOUT' });
      expect(elapsed).toBeLessThan(BOUND_MS);
    });

    it('should fail the stream with S3_TIMEOUT within the bound', async () => {
      const [error, elapsed] = await timed(async () => {
        const body = await store.stream('a.bin');
        let received = 0;
        for await (const chunk of body) received += (chunk as Buffer).length;
        return received;
      });
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'S3_TIMEOUT' });
      expect(elapsed).toBeLessThan(BOUND_MS);
    });
  });
});
