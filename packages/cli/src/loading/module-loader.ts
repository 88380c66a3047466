import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError } from '../errors/cli.error';
import type { ModuleRef } from './module-ref';

/** What a loaded module exports. */
export type ModuleExports = Readonly<Record<string, unknown>>;

/**
 * Loads a module and returns its exports: ES modules (`.mjs`, or `.js` in a package whose
 * `package.json` says `"type": "module"`) with `import()`, so top-level `await` works; CommonJS
 * (`.cjs`, other `.js`) with `require`, as before.
 *
 * @remarks
 * A `.js` file that Node itself recognises as an ES module (by its syntax) and that uses
 * top-level `await` cannot be `require`d; it is then imported instead.
 * @throws CliError (code `CLI_MODULE_FAILED`) naming the file when loading fails, with the
 * module's own error as the cause and a fix that fits it (a syntax error, a missing import, an
 * error thrown by the module's code).
 */
export async function loadModule(ref: ModuleRef): Promise<ModuleExports> {
  try {
    if (isEsm(ref.path)) return await importModule(ref.path);
    try {
      return requireModule(ref.path);
    } catch (error) {
      if (codeOf(error) !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
      return await importModule(ref.path);
    }
  } catch (cause) {
    throw new CliError(`Loading ${ref.path} failed: ${whatFailed(cause)}.`, {
      code: 'CLI_MODULE_FAILED',
      details: { path: ref.path, ...(codeOf(cause) !== undefined ? { error: codeOf(cause) } : {}) },
      cause,
      fix: fixFor(cause, ref.path),
    });
  }
}

/**
 * Loads modules one after another, for `--require`: modules that register packagers on import.
 *
 * @throws CliError as {@link loadModule}.
 */
export async function loadModules(refs: readonly ModuleRef[]): Promise<void> {
  for (const ref of refs) await loadModule(ref);
}

/** True for `.mjs`, and for `.js` whose nearest package.json has `"type": "module"`. */
export function isEsm(path: string): boolean {
  const ext = extname(path);
  if (ext === '.mjs') return true;
  if (ext !== '.js') return false;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return typeOf(manifest) === 'module';
    if (dirname(dir) === dir) return false;
  }
}

function typeOf(manifest: string): unknown {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
  } catch {
    return undefined; // Node itself reports a broken package.json when it loads the module.
  }
}

function requireModule(path: string): ModuleExports {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(path) as unknown;
  return typeof loaded === 'object' && loaded !== null
    ? (loaded as Record<string, unknown>)
    : { default: loaded };
}

/**
 * A real `import()`: this package is compiled to CommonJS, where TypeScript would turn a written
 * `import()` into `require()`, which cannot load an ES module with top-level await.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const nativeImport = new Function('url', 'return import(url);') as (
  url: string,
) => Promise<ModuleExports>;

async function importModule(path: string): Promise<ModuleExports> {
  return nativeImport(pathToFileURL(path).href);
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function whatFailed(cause: unknown): string {
  if (cause instanceof SyntaxError) return 'it is not valid JavaScript';
  const code = codeOf(cause);
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND')
    return 'something it imports cannot be found';
  return 'the module threw while being imported';
}

function fixFor(cause: unknown, path: string): string {
  if (cause instanceof SyntaxError) {
    return (
      `Fix the syntax error the cause names (node --check ${path} shows where). ES module syntax ` +
      '(import/export) needs a .mjs file or "type": "module" in its package.json.'
    );
  }
  const code = codeOf(cause);
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
    return 'Install the package the cause names (npm install …) or fix the import path; relative imports in ES modules need their extension (./util.js).';
  }
  return 'Fix the error in the module (rerun with --debug for its stack trace).';
}
