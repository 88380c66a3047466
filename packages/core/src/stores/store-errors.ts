import type { ErrorCode } from '../errors/error-codes';
import { NotFoundError } from '../errors/not-found.error';
import { StoreError } from '../errors/store.error';
import { errorSummary, StowageError } from '../errors/stowage.error';
import type { ByteRange } from './store';

/**
 * The error for a missing store object.
 *
 * @returns a `NotFoundError` naming the path and the store.
 */
export function objectNotFound(path: string, storeUrl: string, cause?: unknown): NotFoundError {
  return new NotFoundError(`No object at "${path}" in store ${storeUrl}.`, {
    details: { path, store: storeUrl },
    fix: 'Check the path (list the store to see what it holds) and that you opened the right store.',
    cause,
  });
}

/** Store error codes for errno values that have a cause a user can act on. */
const ERRNO_CODES: Readonly<Record<string, { code: ErrorCode; fix: string }>> = {
  EROFS: {
    code: 'STORE_READ_ONLY',
    fix: 'The filesystem is mounted read-only: remount it read-write or use a writable store root (reads still work).',
  },
  ENOSPC: {
    code: 'STORE_DISK_FULL',
    fix: 'Free space on the disk of the store (or raise its quota), then retry; nothing partial was left behind.',
  },
  EDQUOT: {
    code: 'STORE_DISK_FULL',
    fix: 'Free space on the disk of the store (or raise its quota), then retry; nothing partial was left behind.',
  },
  EACCES: {
    code: 'STORE_PERMISSION_DENIED',
    fix: "Give this process's user read and write access to the store root and everything under it.",
  },
  EPERM: {
    code: 'STORE_PERMISSION_DENIED',
    fix: "Give this process's user read and write access to the store root and everything under it.",
  },
};

/**
 * Wraps an unexpected failure of a store operation (a Stowage error passes through unchanged).
 *
 * @remarks
 * Errno values with a clear cause get their own code: `EROFS` → `STORE_READ_ONLY`, `ENOSPC` and
 * `EDQUOT` → `STORE_DISK_FULL`, `EACCES` and `EPERM` → `STORE_PERMISSION_DENIED`; anything else
 * is `STORE_FAILED`.
 *
 * @returns a `StoreError` naming the operation, the path and the store, with the cause attached.
 */
export function storeFailure(
  operation: string,
  path: string,
  storeUrl: string,
  cause: unknown,
): StowageError {
  if (StowageError.is(cause)) return cause;
  const reason = errorSummary(cause);
  const errno = (cause as { code?: unknown } | null)?.code;
  const known = typeof errno === 'string' ? ERRNO_CODES[errno] : undefined;
  return new StoreError(`Could not ${operation} "${path}" in store ${storeUrl}: ${reason}`, {
    ...(known === undefined ? {} : { code: known.code }),
    details: { operation, path, store: storeUrl, errno },
    fix:
      known?.fix ?? 'Check that the store is reachable, writable and has free space, then retry.',
    cause,
  });
}

/** A clamped `[start, end)` range inside an object of `size` bytes. */
export interface ResolvedRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Validates `range` and clamps it to an object of `size` bytes (no range means the whole object).
 *
 * @throws StoreError (code `RANGE_INVALID`) when start or end is negative, fractional or end < start.
 */
export function resolveRange(
  range: ByteRange | undefined,
  size: number,
  path: string,
  storeUrl: string,
): ResolvedRange {
  if (range === undefined) return { start: 0, end: size };
  const { start, end } = range;
  const bad =
    !Number.isSafeInteger(start) ||
    start < 0 ||
    (end !== undefined && (!Number.isSafeInteger(end) || end < start));
  if (bad) {
    throw new StoreError(
      `Byte range ${JSON.stringify(range)} for "${path}" in ${storeUrl} is invalid.`,
      {
        code: 'RANGE_INVALID',
        details: { path, store: storeUrl, range },
        fix: 'Pass integers with 0 <= start <= end; omit end to read to the end of the object.',
      },
    );
  }
  const s = Math.min(start, size);
  return { start: s, end: Math.max(s, Math.min(end ?? size, size)) };
}

/** True for the errno codes that mean "there is nothing at this path". */
export function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
