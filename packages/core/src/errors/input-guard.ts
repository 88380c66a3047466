import { StowageError, type StowageErrorInit } from './stowage.error';

/** A StowageError class, as the input guard builds it. @internal */
export type StowageErrorClass = new (what: string, init?: StowageErrorInit) => StowageError;

/** The code of an error raised because an input threw while being read. */
export const INPUT_UNREADABLE = 'INPUT_UNREADABLE';

/**
 * What an untyped error thrown while reading a caller's value becomes: an error of `errorClass`
 * with the code `INPUT_UNREADABLE` naming `what` was read, the original kept as its `cause`.
 * A StowageError is returned unchanged. @internal
 */
export function typedInputError(
  error: unknown,
  errorClass: StowageErrorClass,
  what: string,
): StowageError {
  if (StowageError.is(error)) return error;
  return new errorClass(
    `${what} could not be read: it threw ${kindOf(error)} while Stowage read it.`,
    {
      code: INPUT_UNREADABLE,
      details: { input: what },
      cause: error,
      fix: 'A getter, proxy, toJSON or iterator of the value threw, or the value is not of the documented type (see the cause): pass plain data, or a value whose properties can be read.',
    },
  );
}

/**
 * Runs `work` (sync or async); anything but a StowageError it throws or rejects with becomes
 * {@link typedInputError}, so an entry point never lets an untyped error escape. @internal
 */
export function guardInput<T>(errorClass: StowageErrorClass, what: string, work: () => T): T {
  let result: T;
  try {
    result = work();
  } catch (error) {
    throw typedInputError(error, errorClass, what);
  }
  if (result instanceof Promise) {
    return result.catch((error: unknown) => {
      throw typedInputError(error, errorClass, what);
    }) as T;
  }
  return result;
}

/** `a TypeError`, `a string`…: reads no more than an error's name, and never throws. */
export function kindOf(value: unknown): string {
  try {
    if (value instanceof Error) {
      const name: unknown = value.name;
      return typeof name === 'string' && /^[A-Za-z0-9_$]{1,60}$/.test(name)
        ? `a ${name}`
        : 'an error';
    }
  } catch {
    return 'a value that cannot be inspected';
  }
  return value === null ? 'null' : `a ${typeof value}`;
}

/**
 * A short, safe text of any value for error messages: strings quoted, other primitives as text,
 * objects by kind. Never throws (bigint, symbols, proxies and cycles included). @internal
 */
export function quoteInput(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 300 ? `${value.slice(0, 300)}…` : value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value.toString()}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  if (value === null) return 'null';
  try {
    return Array.isArray(value) ? 'an array' : 'an object';
  } catch {
    return 'an object';
  }
}
