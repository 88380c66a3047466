import { errorSummary, StowageError } from '@stowage/core';

/** One level of an error as `--json` prints it: the same fields a run record keeps, plus details. */
export interface ErrorJson {
  readonly name: string;
  /** What failed at this level (without the fix, which is in `fix`). */
  readonly message: string;
  /** The Stowage error code, or a Node error's own code (`ENOENT`); absent when it has none. */
  readonly code?: string;
  readonly fix?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  /** Only with `--debug`. */
  readonly stack?: string;
  readonly cause?: ErrorJson;
}

/** The object `stowage … --json` prints on stderr when it fails: the error and the exit code. */
export type FailureJson = ErrorJson & { readonly exitCode: number };

const MAX_DEPTH = 10;

/**
 * The JSON line printed on stderr for a failure under `--json`: one object with `code`,
 * `message`, `fix`, `details`, `exitCode` and the chain of causes under `cause`.
 *
 * @remarks
 * One line, so a script can read stderr line by line (warnings printed before it are text
 * starting with `stowage:`). Bigints in details become strings. Stacks are added with `--debug`.
 */
export function failureJson(error: unknown, exitCode: number, debug: boolean): string {
  const failure: FailureJson = { ...errorJson(error, debug, 0), exitCode };
  const replacer = (_key: string, v: unknown): unknown =>
    typeof v === 'bigint' ? v.toString() : v;
  try {
    return JSON.stringify(failure, replacer);
  } catch {
    // Details that JSON cannot hold (a cycle): print the rest.
    return JSON.stringify(failure, (key, v: unknown) =>
      key === 'details' ? undefined : replacer(key, v),
    );
  }
}

function errorJson(error: unknown, debug: boolean, depth: number): ErrorJson {
  const message = errorSummary(error);
  if (!(error instanceof Error)) return { name: 'Error', message };
  const stowage = StowageError.is(error);
  const code = (error as { code?: unknown }).code;
  const details = stowage ? error.details : undefined;
  const fix = stowage ? error.fix : undefined;
  const cause = error.cause;
  return {
    name: error.name,
    message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(fix !== undefined ? { fix } : {}),
    ...(details !== undefined && Object.keys(details).length > 0 ? { details } : {}),
    ...(debug && error.stack !== undefined ? { stack: error.stack } : {}),
    ...(cause !== undefined && depth < MAX_DEPTH - 1
      ? { cause: errorJson(cause, debug, depth + 1) }
      : {}),
  };
}
