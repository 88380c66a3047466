import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { LocalPath } from '../../../src/values/local-path';
import { firstDifference } from './matrix-equality';

/**
 * A documented way a value may come back other than equal. `check` compares what was logged
 * (or what a file written elsewhere holds) with what came back and returns the first difference,
 * or `undefined` when the value came back exactly as the named normalisation says.
 */
export interface Normalisation {
  /** Where the docs state it. */
  readonly doc: string;
  readonly check: (expected: unknown, actual: unknown) => Promise<string | undefined>;
}

/** The content of a file (its bytes' hash) or folder (relative path → hash), for comparing copies. */
export function treeOf(path: string): Record<string, string> | string {
  const info = statSync(path);
  if (!info.isDirectory()) return createHash('sha256').update(readFileSync(path)).digest('hex');
  const out: Record<string, string> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        out[`${prefix}${entry.name}/`] = 'dir';
        walk(full, `${prefix}${entry.name}/`);
      } else out[`${prefix}${entry.name}`] = treeOf(full) as string;
    }
  };
  walk(path, '');
  return out;
}

function localPathOf(value: unknown): string | undefined {
  if (value instanceof LocalPath) return value.path;
  if (value instanceof URL && value.protocol === 'file:') return fileURLToPath(value);
  if (typeof value === 'string') return value.startsWith('file://') ? fileURLToPath(value) : value;
  return undefined;
}

function sameKindOfPath(expected: unknown, actual: unknown): string | undefined {
  const kind = (v: unknown): string =>
    v instanceof LocalPath ? 'LocalPath' : v instanceof URL ? 'URL' : typeof v;
  return kind(expected) === kind(actual)
    ? undefined
    : `expected a ${kind(expected)}, got ${kind(actual)}`;
}

async function streamText(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Every normalisation the matrix accepts, by the name the cases use. */
export const NORMALISATIONS = {
  /**
   * A path (LocalPath, `file:` URL, path string) comes back as the same kind of value naming a
   * local copy: the same file bytes, or the same folder tree.
   */
  'local-copy': {
    doc: 'docs/builtin-packagers.md#paths ("Unpacking gives the local path of the file, or extracts the archive into a temporary folder")',
    check: async (expected, actual) => {
      const kind = sameKindOfPath(expected, actual);
      if (kind !== undefined) return kind;
      const [from, to] = [localPathOf(expected), localPathOf(actual)];
      if (from === undefined || to === undefined) return 'not a path';
      return firstDifference(treeOf(from), treeOf(to), '$tree');
    },
  },
  /**
   * A file or archived folder written elsewhere and read as a path: a local path (string or
   * LocalPath) to its bytes, or to the extracted folder (the expected value is `treeOf` it).
   */
  'local-content': {
    doc: 'docs/builtin-packagers.md#paths ("Unpacking gives the local path of the file, or extracts the archive")',
    check: async (expected, actual) => {
      const to = localPathOf(actual);
      if (to === undefined) return `expected a local path, got ${typeof actual}`;
      return firstDifference(expected, treeOf(to), '$tree');
    },
  },
  /** A CSV written elsewhere (no recorded columns) reads as rows of strings. */
  'csv-cells-as-strings': {
    doc: 'docs/builtin-packagers.md#structured-files ("A CSV written elsewhere (no recorded columns) reads as strings")',
    check: async (expected, actual) => firstDifference(expected, actual),
  },
  /** A stream comes back as a stream of the same bytes. */
  'stream-bytes': {
    doc: 'docs/builtin-packagers.md#streams ("unpacks to a stream")',
    check: async (expected, actual) => {
      if (!(actual instanceof Readable)) return 'expected a Readable';
      return firstDifference(expected, await streamText(actual), '$bytes');
    },
  },
  /**
   * An Error subclass packed as `file` or `result` comes back as the nearest builtin Error class
   * with the original `name`, message, stack, code and cause.
   */
  'error-nearest-builtin-class': {
    doc: 'docs/builtin-packagers.md#choices-made-where-the-spec-was-silent ("Error results drop custom classes")',
    check: async (expected, actual) => {
      if (!(expected instanceof Error) || !(actual instanceof Error)) return 'expected an Error';
      let builtin = Object.getPrototypeOf(expected) as { constructor: unknown } | null;
      const builtins: unknown[] = [
        Error,
        TypeError,
        RangeError,
        SyntaxError,
        ReferenceError,
        EvalError,
        URIError,
      ];
      while (builtin !== null && !builtins.includes(builtin.constructor))
        builtin = Object.getPrototypeOf(builtin) as { constructor: unknown } | null;
      if (Object.getPrototypeOf(actual) !== builtin) return 'not the nearest builtin Error class';
      for (const key of ['name', 'message', 'stack', 'code', 'cause'] as const) {
        const found = firstDifference(
          (expected as unknown as Record<string, unknown>)[key],
          (actual as unknown as Record<string, unknown>)[key],
          `$.${key}`,
        );
        if (found !== undefined) return found;
      }
      return undefined;
    },
  },
} satisfies Record<string, Normalisation>;

/** The name of a documented normalisation. */
export type NormalisationName = keyof typeof NORMALISATIONS;
