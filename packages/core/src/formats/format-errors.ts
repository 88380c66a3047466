import { PackingError } from '../errors/packing.error';
import { UnpackingError } from '../errors/unpacking.error';
import type { JsonProblem } from './json-exact';

/** The error for a value a text format cannot hold exactly. @internal */
export function notExact(format: string, problem: JsonProblem): PackingError {
  return new PackingError(
    `Cannot write the value as ${format}: ${problem.path} is ${problem.reason}.`,
    {
      code: 'FORMAT_NOT_EXACT',
      details: { format, path: problem.path, reason: problem.reason },
      fix: `${format} holds only plain JSON data; log it with the artifact type "object" (keeps every JS type), or convert that part first.`,
    },
  );
}

/** The error for bytes that do not parse in a format. @internal */
export function unreadable(format: string, where: string, cause: unknown): UnpackingError {
  return new UnpackingError(`Cannot read ${where} as ${format}.`, {
    code: 'FORMAT_INVALID',
    cause,
    details: { format, where },
    fix: `Check that the artifact really is ${format} (its format is recorded with it) and is complete.`,
  });
}
