import type { Store, UriResolver } from '@stowage/core';
import type { S3ResolverOptions, S3UriResolver } from '@stowage/s3';

type S3Module = typeof import('@stowage/s3');

/**
 * Loads `@stowage/s3` on first use: the AWS SDK takes a noticeable time to import, and most
 * commands on a local store never need it.
 *
 * @remarks
 * The SDK warns on every process start under Node 20 that its 2027 releases will need Node 22.
 * That is news for whoever pins the SDK, not for someone listing runs, so the CLI turns it off
 * unless `AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED` is already set.
 */
function s3(): S3Module {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@stowage/s3') as S3Module;
}

/** S3 connection settings from the environment (endpoint; credentials come from the AWS chain). */
export function s3OptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): S3ResolverOptions {
  const endpoint =
    env['STOWAGE_S3_ENDPOINT'] ?? env['AWS_ENDPOINT_URL_S3'] ?? env['AWS_ENDPOINT_URL'];
  return endpoint === undefined || endpoint === '' ? {} : { endpoint };
}

/** Opens `s3://bucket[/prefix]` as a store. */
export function openS3(url: string, options: S3ResolverOptions): Store {
  return s3().openS3Store(url, options);
}

/** An `s3://` URI resolver that loads the S3 package only when an `s3://` input is opened. */
export function lazyS3Resolver(
  options: S3ResolverOptions,
): UriResolver & { close(): Promise<void> } {
  let resolver: S3UriResolver | undefined;
  const resolve: UriResolver = (uri, context) => {
    resolver ??= s3().s3UriResolver(options);
    return resolver(uri, context);
  };
  return Object.assign(resolve, { close: async () => resolver?.close() });
}
