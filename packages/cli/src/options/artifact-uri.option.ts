import { parseDataUri } from '@stowage/core';
import type { StoreUri } from '@stowage/core';
import { UsageError } from '../errors/usage.error';

/**
 * Reads an artifact reference: `store://key[:tag|@version][#file]`, or a bare `key[:tag|@version]`
 * as a shorthand for the same `store://` URI.
 *
 * @throws UsageError for another scheme; InvalidKeyError for a malformed key, tag or version.
 */
export function parseArtifactUri(
  text: string,
  command: string,
): StoreUri & { readonly uri: string } {
  const uri = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `store://${text}`;
  const parsed = parseDataUri(uri);
  if (!('key' in parsed)) {
    throw new UsageError(`${command} takes an artifact URI, and "${text}" is not one.`, {
      details: { uri: text },
      fix: 'Write store://key, store://key:tag or store://key@version (see stowage artifacts).',
    });
  }
  return { ...parsed, uri };
}
