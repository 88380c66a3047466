import { describeError, StowageError, type ErrorCode, type RunErrorRecord } from '@stowage/core';

/**
 * An error rebuilt from the one a run record keeps, with its chain of causes, so the CLI prints a
 * failed run's error like any other: one level per line, each with its own fix. A level recorded
 * without code or fix (an error that was not Stowage's) comes back as a plain `Error`.
 */
export function errorFromRecord(record: RunErrorRecord, depth = 0): Error {
  const cause =
    record.cause !== undefined && depth < 8 ? errorFromRecord(record.cause, depth + 1) : undefined;
  const error =
    record.code === undefined && record.fix === undefined
      ? new Error(record.message, cause === undefined ? {} : { cause })
      : new StowageError(record.message, {
          // A recorded code may come from a package this program does not load: kept as written.
          ...(record.code !== undefined ? { code: record.code as ErrorCode } : {}),
          ...(record.fix !== undefined ? { fix: record.fix } : {}),
          ...(cause !== undefined ? { cause } : {}),
        });
  error.name = record.name;
  return error;
}

/** A recorded error and its causes as text, each level indented one step deeper with its fix. */
export function describeRecordedError(record: RunErrorRecord): string {
  return describeError(errorFromRecord(record));
}
