import { quoteInput } from '../errors/input-guard';
import { StowageError } from '../errors/stowage.error';
import type { RunErrorRecord } from './run-record';

/** Causes deeper than this are not recorded (a chain that long is a loop or a mistake). */
const MAX_CAUSES = 8;

/**
 * The stored form of an error and its chain of causes: for each level its name, what failed
 * there (a StowageError's `summary`, another error's message), code, fix and stack.
 *
 * @remarks
 * Never throws: a thrown value that is not an Error, or whose fields cannot be read, is described
 * by its kind.
 * @internal
 */
export function errorRecordOf(error: unknown, depth = 0): RunErrorRecord {
  if (!isError(error)) return { name: 'Error', message: textOf(error) };
  const read = (field: string): string | undefined => {
    try {
      const value = (error as unknown as Record<string, unknown>)[field];
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  };
  const stowage = StowageError.is(error);
  const code = read('code');
  const fix = stowage ? read('fix') : undefined;
  const stack = read('stack');
  let cause: unknown;
  try {
    cause = error.cause;
  } catch {
    cause = undefined;
  }
  return {
    name: read('name') ?? 'Error',
    message: (stowage ? read('summary') : undefined) ?? read('message') ?? '',
    ...(code !== undefined ? { code } : {}),
    ...(fix !== undefined ? { fix } : {}),
    ...(stack !== undefined ? { stack } : {}),
    ...(cause !== undefined && depth < MAX_CAUSES
      ? { cause: errorRecordOf(cause, depth + 1) }
      : {}),
  };
}

function isError(value: unknown): value is Error {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

function textOf(value: unknown): string {
  try {
    return String(value);
  } catch {
    return `A non-Error value was thrown: ${quoteInput(value)}.`;
  }
}
