import type { ErrorCode } from '../errors/error-codes';
import { SerializationError } from '../errors/serialization.error';

/** Where an error keeps what failed without its path, so a path segment can be added later. */
const WHAT = Symbol('what');

type PathedError = SerializationError & { readonly [WHAT]?: string };

/** A failure inside the object fallback, with the path to the value that caused it. @internal */
export function serializationError(
  code: ErrorCode,
  what: string,
  path: string,
  fix: string,
  cause?: unknown,
): SerializationError {
  const error = new SerializationError(`${what} (at ${path}).`, {
    code,
    details: { path },
    fix,
    cause,
  });
  Object.defineProperty(error, WHAT, { value: what });
  return error;
}

/** Appends a path segment to the `path` detail of an error on its way out. @internal */
export function withSegment(error: unknown, segment: string): unknown {
  if (!(error instanceof SerializationError)) return error;
  const at = error.details['path'];
  const what = (error as PathedError)[WHAT];
  if (typeof at !== 'string' || what === undefined) return error;
  const path = `$${segment}${at.slice(1)}`;
  return serializationError(error.code, what, path, error.fix ?? '', error.cause);
}

/** Renders a property key as a path segment. @internal */
export function keySegment(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
