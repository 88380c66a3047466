import { InvalidKeyError, StoreObjectDataItem } from '@stowage/core';
import type { UriResolver } from '@stowage/core';
import { createS3Client } from './s3-client.factory';
import { S3Store } from './s3.store';
import type { S3StoreOptions } from './s3-store-options';
import { parseS3Uri } from './s3-uri';

/** Connection and upload options shared by every bucket an `s3://` URI may name. */
export type S3ResolverOptions = Omit<S3StoreOptions, 'bucket' | 'prefix'>;

/** An {@link UriResolver} for `s3://` URIs that can release its client. */
export interface S3UriResolver extends UriResolver {
  /** Destroys the client the resolver built (a client passed in options is left alone). */
  close(): Promise<void>;
}

/**
 * Opens a store from its URL: `s3://bucket` or `s3://bucket/prefix`.
 *
 * @example
 * ```ts
 * const store = openS3Store('s3://artifacts/team-a', { region: 'eu-west-1' });
 * const repo = new StoreArtifactRepository({ store });
 * ```
 * @throws InvalidKeyError when the URL is not `s3://…`; ConfigError for a bad prefix or option.
 */
export function openS3Store(url: string, options: S3ResolverOptions = {}): S3Store {
  const { bucket, key } = parseS3Uri(url);
  return new S3Store({ ...options, bucket, prefix: key });
}

/**
 * A resolver that opens `s3://bucket/path/to/object` URIs as data items, for a repository's
 * `resolvers` option.
 *
 * @remarks
 * One SDK client (built lazily from `options`, or `options.client`) serves every bucket. The
 * item reads the raw object: there is no artifact record, so no hash check. `local()` downloads
 * into the repository's temporary scope. Nothing is registered globally: pass the resolver to
 * each repository that should understand `s3://`.
 *
 * @example
 * ```ts
 * const s3 = s3UriResolver({ endpoint: 'http://127.0.0.1:18080', credentials });
 * const repo = new StoreArtifactRepository({ store, resolvers: { s3 } });
 * const item = await repo.open('s3://datasets/iris.csv');
 * ```
 * @throws InvalidKeyError (when called) for a URI without an object key.
 */
export function s3UriResolver(options: S3ResolverOptions = {}): S3UriResolver {
  let owned: ReturnType<typeof createS3Client> | undefined;
  const resolve = (uri: string, context: Parameters<UriResolver>[1]) => {
    const { bucket, key } = parseS3Uri(uri);
    if (key === '') {
      throw new InvalidKeyError(`"${uri}" names a bucket, not an object.`, {
        details: { uri },
        fix: 'Add the object key: s3://bucket/path/to/object.',
      });
    }
    owned ??= createS3Client(options);
    const store = new S3Store({ ...options, client: owned.client, bucket });
    return new StoreObjectDataItem(store, key, { url: uri, temp: context.temp });
  };
  return Object.assign(resolve, {
    close: async () => {
      if (owned?.owned === true) owned.client.destroy();
      owned = undefined;
    },
  });
}
