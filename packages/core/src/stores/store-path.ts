import { InvalidKeyError } from '../errors/invalid-key.error';

/** Names starting with this are a store's in-flight temporary files: never listed, never valid paths. */
export const TEMP_NAME_PREFIX = '.stowage-tmp-';

const MAX_PATH_LENGTH = 1024;

function reject(path: string, storeUrl: string, why: string): never {
  throw new InvalidKeyError(
    `Store path ${JSON.stringify(path)} is not allowed in ${storeUrl}: ${why}.`,
    {
      details: { path, store: storeUrl, reason: why },
      fix: 'Use a relative, "/"-separated path without ".." or "." segments, backslashes or NUL bytes.',
    },
  );
}

/**
 * Checks that `path` is a safe object path inside a store and returns it unchanged.
 *
 * @remarks
 * Rejected: empty paths, absolute paths (`/x`, `C:`), `..` and `.` segments, empty segments
 * (`a//b`, trailing `/`), backslashes, NUL and other control characters, segments starting with
 * `TEMP_NAME_PREFIX` (`.stowage-tmp-`), and paths longer than 1024 characters.
 *
 * @throws InvalidKeyError when the path is not allowed.
 */
export function validateStorePath(path: string, storeUrl: string): string {
  if (typeof path !== 'string' || path.length === 0) reject(String(path), storeUrl, 'it is empty');
  if (path.length > MAX_PATH_LENGTH)
    reject(path, storeUrl, `it is longer than ${MAX_PATH_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(path))
    reject(path, storeUrl, 'it contains NUL or a control character');
  if (path.includes('\\')) reject(path, storeUrl, 'it contains a backslash');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) reject(path, storeUrl, 'it is absolute');
  for (const segment of path.split('/')) {
    if (segment === '') reject(path, storeUrl, 'it has an empty segment');
    if (segment === '..' || segment === '.')
      reject(path, storeUrl, `it has a "${segment}" segment`);
    if (segment.startsWith(TEMP_NAME_PREFIX)) reject(path, storeUrl, 'it names a temporary file');
  }
  return path;
}

/**
 * Checks a list prefix: empty (everything) or a path prefix that may end with `/`.
 *
 * @throws InvalidKeyError when the prefix could escape the store.
 */
export function validateStorePrefix(prefix: string, storeUrl: string): string {
  if (prefix === '') return prefix;
  validateStorePath(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix, storeUrl);
  return prefix;
}
