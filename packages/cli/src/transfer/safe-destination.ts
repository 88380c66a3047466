import { isAbsolute, join, relative, resolve } from 'node:path';
import { CliError } from '../errors/cli.error';

/**
 * The path where the artifact file `name` goes under the folder `root`, after checking that it
 * stays there.
 *
 * @remarks
 * A file name comes from the artifact's record, which anyone with write access to the store can
 * craft. It must be relative and `/`-separated, with no empty, `.` or `..` segment, no backslash,
 * no NUL and no drive letter; the resolved path must be inside `root`. Nothing is created here:
 * callers check every file first, then create folders and files.
 * @throws CliError `CLI_UNSAFE_FILE_NAME` naming the file and the folder.
 */
export function safeDestination(root: string, name: unknown, key: string): string {
  const base = resolve(root);
  const refuse = (why: string): never => {
    throw new CliError(
      `Artifact "${key}" names the file ${describe(name)}, which ${why}; nothing was written.`,
      {
        code: 'CLI_UNSAFE_FILE_NAME',
        details: { key, file: describe(name), destination: base },
        fix: 'The artifact record was written by another tool or tampered with: log the artifact again, or get only its other files with store://key#file.',
      },
    );
  };
  if (typeof name !== 'string' || name === '') return refuse('is not a file name');
  if (name.includes('\0') || name.includes('\\')) return refuse('holds a NUL or a backslash');
  if (isAbsolute(name) || /^[A-Za-z]:/.test(name)) return refuse('is an absolute path');
  const segments = name.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..'))
    return refuse('has an empty, "." or ".." segment');
  const target = join(base, ...segments);
  const rel = relative(base, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
    return refuse(`resolves outside ${base}`);
  return target;
}

function describe(name: unknown): string {
  return typeof name === 'string' ? JSON.stringify(name.slice(0, 200)) : `a ${typeof name}`;
}
