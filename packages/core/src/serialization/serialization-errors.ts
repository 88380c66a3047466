import { SerializationError } from '../errors/serialization.error';

/** A failure inside the object fallback, with the path to the value that caused it. @internal */
export function serializationError(
  code: string,
  what: string,
  path: string,
  fix: string,
  cause?: unknown,
): SerializationError {
  return new SerializationError(`${what} (at ${path}).`, { code, details: { path }, fix, cause });
}

/** Appends a path segment to the `path` detail of an error on its way out. @internal */
export function withSegment(error: unknown, segment: string): unknown {
  if (error instanceof SerializationError && typeof error.details['path'] === 'string') {
    const inner = error.details['path'].slice(1);
    const path = `$${segment}${inner}`;
    const message = error.message.replace(/\(at \$[^)]*\)/, `(at ${path})`);
    return new SerializationError(message.split('\n  How to fix: ')[0] ?? message, {
      code: error.code,
      details: { ...error.details, path },
      ...(error.fix !== undefined ? { fix: error.fix } : {}),
      cause: error.cause,
    });
  }
  return error;
}

/** Renders a property key as a path segment. @internal */
export function keySegment(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
