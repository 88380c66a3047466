// One cold UI server: opens the store, starts `stowage ui`'s server, GETs the first page of one
// list over HTTP, reports the milliseconds to its parent and exits. Forked once per measurement
// so nothing is cached (new process, new server, new store client).
import { request } from 'node:http';
import { LocalStore, type Store } from '@stowage/core';
import { startUiServer } from '@stowage/ui';

/** What the child reports. */
export interface UiListChildResult {
  /** Milliseconds from sending the GET to the last byte of the page. */
  readonly ms: number;
  readonly status: number;
  /** Table rows in the page (to check it listed something). */
  readonly rows: number;
  /** Milliseconds from the child's start until its server listened (process start excluded). */
  readonly startMs: number;
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function openStore(spec: string): Promise<Store> {
  if (spec.startsWith('s3://')) {
    const { S3Store } = await import('@stowage/s3');
    const bucket = spec.slice('s3://'.length);
    return new S3Store({
      bucket,
      endpoint: process.env['S3_ENDPOINT'] ?? 'http://127.0.0.1:18080',
      region: process.env['S3_REGION'] ?? 'us-east-1',
      forcePathStyle: true,
      credentials: {
        accessKeyId: process.env['S3_ACCESS_KEY_ID'] ?? 'test:tester',
        secretAccessKey: process.env['S3_SECRET_ACCESS_KEY'] ?? 'testing',
      },
    });
  }
  return new LocalStore({ root: spec });
}

async function main(): Promise<void> {
  const [spec, path] = process.argv.slice(2) as [string, string];
  const t0 = process.hrtime.bigint();
  const store = await openStore(spec);
  const ui = await startUiServer({ store });
  const startMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const t1 = process.hrtime.bigint();
  const { status, body } = await get(new URL(path, ui.url).toString());
  const ms = Number(process.hrtime.bigint() - t1) / 1e6;
  const rows = (body.match(/<tr>/g) ?? []).length;
  await ui.close();
  await store.close?.();
  process.send?.({ ms, status, rows, startMs } satisfies UiListChildResult);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
