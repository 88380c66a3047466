import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { NotFoundError } from '@stowage/core';
import { UsageError } from '../errors/usage.error';

/** A `path/to/module.js#exportName` reference, resolved against the working directory. */
export interface ModuleRef {
  /** Absolute path of the module file. */
  readonly path: string;
  /** The export named after `#`, or `undefined` to pick the default one. */
  readonly exportName: string | undefined;
  /** The text as the user wrote it. */
  readonly text: string;
}

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx']);

/** True when `text` looks like a module reference rather than a URI (`store://…`, `s3://…`). */
export function looksLikeModule(text: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && /\.(c|m)?js(#|$)|\.(c|m)?tsx?(#|$)|#/.test(text);
}

/**
 * Parses and checks `module[#export]`: the file must exist and be JavaScript.
 *
 * @remarks
 * `stowage` loads ES modules (`.mjs`, `"type": "module"`) with `import()`, so top-level await
 * works, and CommonJS with `require`. TypeScript is not compiled on the fly: that would need a compiler at
 * run time; build it first (`tsc`) and pass the emitted `.js` file.
 * @throws UsageError for a malformed reference or a TypeScript file; NotFoundError (exit 1)
 * when the file does not exist or is a directory.
 */
export function parseModuleRef(text: string, cwd: string): ModuleRef {
  const at = text.lastIndexOf('#');
  const file = at < 0 ? text : text.slice(0, at);
  const exportName = at < 0 ? undefined : text.slice(at + 1);
  if (file === '' || exportName === '') {
    throw new UsageError(`"${text}" is not a module reference.`, {
      details: { text },
      fix: 'Write path/to/module.js#exportName (or just path/to/module.js for its default handler).',
    });
  }
  const path = resolve(cwd, file);
  if (TYPESCRIPT.has(extname(path))) {
    throw new UsageError(`${file} is TypeScript, and stowage loads JavaScript modules.`, {
      details: { path },
      fix: 'Build it first (npx tsc) and pass the emitted .js file, e.g. dist/jobs.js#train.',
    });
  }
  if (!existsSync(path) || statSync(path).isDirectory()) {
    throw new NotFoundError(`No module file at ${path}.`, {
      code: 'NOT_FOUND',
      details: { path },
      fix: 'Check the path: it is relative to the current directory and names a .js file.',
    });
  }
  return { path, exportName, text };
}
