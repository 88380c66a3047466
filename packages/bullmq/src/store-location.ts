import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalStore, NotFoundError } from '@stowage/core';
import type { Store } from '@stowage/core';
import { QueueError } from './queue.error';

/** Where a store's identity is kept: written once by the first caller that enqueues a run. */
export const STORE_ID_PATH = 'queue/store-id';

/**
 * Opens a store named by text, as a worker given `--store` does: a directory path or `file://`
 * URL is a `LocalStore` (its root must already exist: a worker never creates an empty store
 * beside the shared one); `s3://bucket[/prefix]` is an `S3Store` (endpoint from
 * `STOWAGE_S3_ENDPOINT`, `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL`; credentials and region from
 * the AWS chain).
 *
 * @throws QueueError `QUEUE_STORE_NOT_SHARED` for a local root that does not exist or a scheme
 * that is not supported.
 */
export function openStoreLocation(
  text: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): Store {
  if (/^s3:\/\//i.test(text)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS SDK loads only for S3
    const s3 = require('@stowage/s3') as typeof import('@stowage/s3');
    const endpoint =
      env['STOWAGE_S3_ENDPOINT'] ?? env['AWS_ENDPOINT_URL_S3'] ?? env['AWS_ENDPOINT_URL'];
    return s3.openS3Store(
      text,
      endpoint === undefined || endpoint === '' ? {} : { endpoint, forcePathStyle: true },
    );
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1];
  if (scheme !== undefined && scheme.toLowerCase() !== 'file') {
    throw new QueueError(
      `The store "${text}" uses the scheme "${scheme}://", which a worker cannot open.`,
      {
        code: 'QUEUE_STORE_NOT_SHARED',
        details: { store: text },
        fix: 'Give the shared store as a directory path, file:///abs/path, or s3://bucket/prefix.',
      },
    );
  }
  const root = scheme === undefined ? resolve(cwd, text) : fileURLToPath(text);
  assertLocalRoot(root);
  return new LocalStore({ root });
}

/**
 * Checks that a worker can see its store before it takes any job: a local root must exist as a
 * directory (a path that exists only on the caller's machine is the usual mistake).
 *
 * @throws QueueError `QUEUE_STORE_NOT_SHARED` when it does not.
 */
export function assertStoreVisible(store: Store): void {
  if (store.url.startsWith('file://')) assertLocalRoot(fileURLToPath(store.url));
}

function assertLocalRoot(root: string): void {
  if (existsSync(root) && statSync(root).isDirectory()) return;
  throw new QueueError(
    `The worker cannot see the local store at ${root}: there is no directory there.`,
    {
      code: 'QUEUE_STORE_NOT_SHARED',
      details: { root },
      fix: 'Give the worker the same store as the callers: a directory every machine mounts at this path (NFS…), or an s3:// store; create the directory first if it is really new.',
    },
  );
}

/**
 * The store's identity (a random id kept in the store): the caller puts it in every job and the
 * worker compares it with its own store's, so two stores that merely share a URL (one path on two
 * machines that do not share a disk) are told apart. Written when absent (`create`), else read.
 */
export async function storeIdentity(store: Store, create: boolean): Promise<string | undefined> {
  const read = async (): Promise<string | undefined> => {
    try {
      return (await store.get(STORE_ID_PATH)).toString('utf8').trim();
    } catch (error) {
      if (NotFoundError.is(error)) return undefined;
      throw error;
    }
  };
  const existing = await read();
  if (existing !== undefined || !create) return existing;
  await store.put(STORE_ID_PATH, Buffer.from(`${randomUUID()}\n`));
  // Two first callers may race: whatever is stored after both writes is the identity.
  return await read();
}
