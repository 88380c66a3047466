import { validateArtifactKey } from '../artifacts/artifact-names';
import { parseDataUri } from '../data/data-uri';
import { quoteInput } from '../errors/input-guard';
import { LifecycleError } from '../errors/lifecycle.error';

/** What one argument of a copy names (see {@link parseCopySelector}). */
export type CopySelector =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'version'; readonly key: string; readonly version: string }
  | { readonly kind: 'tag'; readonly key: string; readonly tag: string }
  | { readonly kind: 'run'; readonly runId: string };

/** The prefix of a run selector: `run:<id>`. */
export const RUN_SELECTOR_PREFIX = 'run:';

const SYNTAX = 'key (every version), key@version, key:tag or run:<id>';

/** The error for something a copy cannot name. */
export function copyInvalid(what: string, problem: string, cause?: unknown): LifecycleError {
  return new LifecycleError(`Cannot copy ${what}: ${problem}; nothing was copied.`, {
    code: 'LIFECYCLE_COPY_INVALID',
    details: { what, problem },
    fix: `Name what to copy as ${SYNTAX} (a store:// prefix is allowed), between two different stores.`,
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Reads one thing to copy: `key` (every version), `key@version`, `key:tag` (the version the tag
 * names in the source store; `key:latest` is the newest), or `run:<id>` (the run record and the
 * versions it logged). `store://` in front of a key is allowed.
 *
 * @throws LifecycleError (`LIFECYCLE_COPY_INVALID`) naming the argument, with the key or version
 * error as its cause.
 */
export function parseCopySelector(text: string): CopySelector {
  if (typeof text !== 'string' || text.trim() === '')
    throw copyInvalid(quoteInput(text), 'it is empty');
  try {
    if (text.startsWith(RUN_SELECTOR_PREFIX)) {
      return { kind: 'run', runId: validateArtifactKey(text.slice(RUN_SELECTOR_PREFIX.length)) };
    }
    const parsed = parseDataUri(text.startsWith('store://') ? text : `store://${text}`);
    if (!('key' in parsed)) throw copyInvalid(quoteInput(text), `it is not ${SYNTAX}`);
    if (parsed.file !== undefined)
      throw copyInvalid(quoteInput(text), 'a copy takes whole versions, not one file (#…)');
    if (parsed.version !== undefined)
      return { kind: 'version', key: parsed.key, version: parsed.version };
    if (parsed.tag !== undefined) return { kind: 'tag', key: parsed.key, tag: parsed.tag };
    return { kind: 'key', key: parsed.key };
  } catch (error) {
    if (LifecycleError.is(error)) throw error;
    throw copyInvalid(quoteInput(text), `it is not ${SYNTAX}`, error);
  }
}
