import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LOCAL_ROOT, LocalStore, NotFoundError } from '@stowage/core';
import type { Store } from '@stowage/core';
import { UsageError } from '../errors/usage.error';
import { openS3, s3OptionsFromEnv } from './s3-lazy';

/** Where the `--store` (or `STOWAGE_STORE`) value points. */
export type StoreSpec =
  | { readonly kind: 'local'; readonly root: string; readonly source: string }
  | { readonly kind: 's3'; readonly url: string; readonly source: string };

/**
 * Reads the store to use: `--store`, else `STOWAGE_STORE`, else `./.stowage`.
 *
 * @remarks
 * A directory path or `file://` URL is a local store (relative paths resolve against the working
 * directory); `s3://bucket[/prefix]` is an S3 store. Other schemes are refused.
 * @throws UsageError for an empty value or an unsupported scheme.
 */
export function resolveStoreSpec(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): StoreSpec {
  const source =
    option !== undefined
      ? '--store'
      : env['STOWAGE_STORE'] !== undefined
        ? 'STOWAGE_STORE'
        : 'default';
  const text = option ?? env['STOWAGE_STORE'] ?? DEFAULT_LOCAL_ROOT;
  if (text.trim() === '') {
    throw new UsageError(`${source} is empty.`, {
      fix: 'Give a directory (--store ./.stowage) or s3://bucket/prefix.',
    });
  }
  if (/^s3:\/\//i.test(text)) return { kind: 's3', url: text, source };
  if (text.startsWith('file://')) return { kind: 'local', root: fileURLToPath(text), source };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1];
  if (scheme !== undefined) {
    throw new UsageError(
      `${source} "${text}" uses the scheme "${scheme}://", which the CLI cannot open.`,
      {
        details: { store: text },
        fix: 'Use a directory path, file:///abs/path, or s3://bucket/prefix.',
      },
    );
  }
  return { kind: 'local', root: resolve(cwd, text), source };
}

/**
 * Opens the store a spec names.
 *
 * @remarks
 * With `mustExist` (commands that only read), a local root that does not exist is an error
 * rather than an empty listing, so a mistyped `--store` is noticed.
 * @throws NotFoundError when `mustExist` and the local root is missing.
 */
export function openStore(
  spec: StoreSpec,
  env: Readonly<Record<string, string | undefined>>,
  mustExist: boolean,
): Store {
  if (spec.kind === 's3') return openS3(spec.url, s3OptionsFromEnv(env));
  if (mustExist && !(existsSync(spec.root) && statSync(spec.root).isDirectory())) {
    throw new NotFoundError(`There is no store at ${spec.root} (from ${spec.source}).`, {
      details: { root: spec.root },
      fix: 'Run a job first (stowage run …), or point --store / STOWAGE_STORE at an existing store.',
    });
  }
  return new LocalStore({ root: spec.root });
}
