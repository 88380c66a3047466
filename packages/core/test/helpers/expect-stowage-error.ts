import { StowageError } from '../../src/errors/stowage.error';

/**
 * Runs `fn`, asserts it throws an instance of `errorClass` with `code`, and returns the error so
 * the test can check its message and details.
 */
export function expectStowageError<E extends StowageError>(
  fn: () => unknown,
  errorClass: abstract new (...args: never[]) => E,
  code: string,
): E {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  return checkError(thrown, errorClass, code);
}

/** The async twin of {@link expectStowageError}. */
export async function expectStowageRejection<E extends StowageError>(
  promise: Promise<unknown>,
  errorClass: abstract new (...args: never[]) => E,
  code: string,
): Promise<E> {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  return checkError(thrown, errorClass, code);
}

function checkError<E extends StowageError>(
  thrown: unknown,
  errorClass: abstract new (...args: never[]) => E,
  code: string,
): E {
  if (thrown === undefined)
    throw new Error(`expected ${errorClass.name} [${code}], nothing was thrown`);
  expect(thrown).toBeInstanceOf(errorClass);
  expect((thrown as StowageError).code).toBe(code);
  return thrown as E;
}
