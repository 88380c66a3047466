import { fileURLToPath } from 'node:url';
import { guardInput, quoteInput } from '../errors/input-guard';
import { InvalidKeyError } from '../errors/invalid-key.error';
import { optionalTag, validateArtifactKey, validateVersion } from '../artifacts/artifact-names';
import { validateStorePath } from '../stores/store-path';

/** A parsed `store://` reference: a key and at most one of tag or version, maybe an extra file. */
export interface StoreUri {
  readonly scheme: 'store';
  readonly key: string;
  readonly tag?: string;
  readonly version?: string;
  /** An extra file of the artifact (`#name`). */
  readonly file?: string;
}

/** A local file reference (a plain path or a `file://` URI), resolved to a path. */
export interface FileUri {
  readonly scheme: 'file';
  readonly path: string;
}

/** Any other scheme (`s3`, `https`, …), handled by a resolver. */
export interface OtherUri {
  readonly scheme: string;
  readonly uri: string;
}

/** What {@link parseDataUri} returns. */
export type ParsedDataUri = StoreUri | FileUri | OtherUri;

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * Parses a data URI.
 *
 * @remarks
 * - `store://key` (latest), `store://key:tag` (`store://key:` is latest too: an empty tag is no
 *   tag), `store://key@version`, each optionally followed by
 *   `#file` for one of the artifact's extra files;
 * - `file:///abs/path` and plain paths (relative ones are resolved later, against the working
 *   directory);
 * - anything else with a scheme (`s3://bucket/key`) is returned for a resolver.
 *
 * @throws InvalidKeyError when a `store://` reference is malformed, the URI is not a string,
 * or it cannot be decoded (`INPUT_UNREADABLE`: a `file://` URL with a host, a bad `%` escape).
 */
export function parseDataUri(uri: string): ParsedDataUri {
  if (typeof uri !== 'string') {
    throw new InvalidKeyError(`A data URI must be a string; got ${quoteInput(uri)}.`, {
      details: { received: typeof uri },
      fix: 'Pass store://key[:tag|@version][#file], file:///path or a path, as a string.',
    });
  }
  // fileURLToPath and decodeURIComponent throw untyped errors on a bad host or "%" escape.
  return guardInput(InvalidKeyError, `The data URI ${quoteInput(uri)}`, () => parseText(uri));
}

function parseText(uri: string): ParsedDataUri {
  const scheme = SCHEME.exec(uri)?.[1]?.toLowerCase();
  if (scheme === undefined) return { scheme: 'file', path: uri };
  if (scheme === 'file') return { scheme: 'file', path: fileURLToPath(uri) };
  if (scheme !== 'store') return { scheme, uri };
  const body = uri.slice('store://'.length);
  const hash = body.indexOf('#');
  const ref = hash < 0 ? body : body.slice(0, hash);
  const file =
    hash < 0 ? undefined : validateStorePath(decodeURIComponent(body.slice(hash + 1)), uri);
  const at = ref.indexOf('@');
  const colon = ref.indexOf(':');
  if (at >= 0 && colon >= 0) {
    throw new InvalidKeyError(`Data URI "${uri}" names both a tag and a version.`, {
      details: { uri },
      fix: 'Use store://key (latest), store://key:tag or store://key@version.',
    });
  }
  const cut = at >= 0 ? at : colon;
  const key = validateArtifactKey(cut >= 0 ? ref.slice(0, cut) : ref);
  const parsed: { -readonly [K in keyof StoreUri]: StoreUri[K] } = { scheme: 'store', key };
  if (at >= 0) parsed.version = validateVersion(ref.slice(at + 1));
  const tag = colon >= 0 ? optionalTag(ref.slice(colon + 1)) : undefined;
  if (tag !== undefined) parsed.tag = tag;
  if (file !== undefined) parsed.file = file;
  return parsed;
}
