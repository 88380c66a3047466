import { NotFoundError } from '../errors/not-found.error';
import { StoreError } from '../errors/store.error';
import { StowageError } from '../errors/stowage.error';
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

/**
 * Wraps an unexpected failure of a store operation (a Stowage error passes through unchanged).
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
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new StoreError(`Could not ${operation} "${path}" in store ${storeUrl}: ${reason}`, {
    details: { operation, path, store: storeUrl, errno: (cause as { code?: unknown })?.code },
    fix: 'Check that the store is reachable, writable and has free space, then retry.',
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
