import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { HandlerError, NotFoundError } from '@stowage/core';

/** A handler named by reference, as `stowage run` takes it: a module file and an export. */
export interface HandlerRef {
  /** Absolute path of a JavaScript module; every worker must see the same file at this path. */
  readonly module: string;
  /** `fn` (a function export), `Class.method` (a `@Handler` method) or absent (the only function export). */
  readonly exportName?: string;
}

/** What `run()` is given: a function, or an instance and its `@Handler` method's name. */
export type LoadedHandler = ((...args: never[]) => unknown) | readonly [object, string];

/**
 * Parses `path/to/module.js[#export]` (relative paths resolve against `cwd`).
 *
 * @throws HandlerError `HANDLER_INVALID` for an empty module or export.
 */
export function parseHandlerRef(text: string, cwd: string = process.cwd()): HandlerRef {
  const at = text.lastIndexOf('#');
  const file = at < 0 ? text : text.slice(0, at);
  const exportName = at < 0 ? undefined : text.slice(at + 1);
  if (file === '' || exportName === '') {
    throw new HandlerError(`"${text}" is not a handler reference.`, {
      code: 'HANDLER_INVALID',
      details: { text },
      fix: 'Write path/to/module.js#exportName (or path/to/module.js#Class.method).',
    });
  }
  const module = resolve(cwd, file);
  return exportName === undefined ? { module } : { module, exportName };
}

/**
 * Loads the module a reference names (with `require`; Node ≥ 20.19 also requires ES modules
 * without top-level await) and returns the handler to run.
 *
 * @throws NotFoundError when the file or export is missing; HandlerError `HANDLER_INVALID` when
 * the export is not a function or a class with that method.
 */
export function loadHandler(ref: HandlerRef): LoadedHandler {
  if (!isAbsolute(ref.module) || !existsSync(ref.module)) {
    throw new NotFoundError(`This worker has no module file at ${ref.module}.`, {
      details: { module: ref.module },
      fix: 'Deploy the same built code at the same absolute path on every worker machine (or run the worker from the same checkout).',
    });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- modules named at run time
  const exports = require(ref.module) as Record<string, unknown>;
  const name = ref.exportName;
  const dot = name?.indexOf('.') ?? -1;
  if (name !== undefined && dot > 0) {
    const cls = exportOf(exports, name.slice(0, dot), ref);
    const method = name.slice(dot + 1);
    const proto = (cls as { prototype?: Record<string, unknown> }).prototype;
    if (typeof cls !== 'function' || typeof proto?.[method] !== 'function') {
      throw invalid(ref, `"${name.slice(0, dot)}" has no method "${method}"`);
    }
    return [new (cls as new () => object)(), method];
  }
  const value = name !== undefined ? exportOf(exports, name, ref) : onlyFunction(exports, ref);
  if (typeof value !== 'function') throw invalid(ref, `the export is a ${typeof value}`);
  return value as (...args: never[]) => unknown;
}

function exportOf(exports: Record<string, unknown>, name: string, ref: HandlerRef): unknown {
  if (!Object.prototype.hasOwnProperty.call(exports, name)) {
    throw new NotFoundError(`${ref.module} has no export "${name}".`, {
      details: { module: ref.module, export: name },
      fix: `Check the name after "#"; the module exports: ${Object.keys(exports).join(', ') || 'nothing'}.`,
    });
  }
  return exports[name];
}

function onlyFunction(exports: Record<string, unknown>, ref: HandlerRef): unknown {
  if (typeof exports['default'] === 'function') return exports['default'];
  const fns = Object.entries(exports).filter(([, v]) => typeof v === 'function');
  if (fns.length === 1) return fns[0]?.[1];
  throw invalid(ref, `it has ${fns.length} function exports and no default one`);
}

function invalid(ref: HandlerRef, why: string): HandlerError {
  return new HandlerError(`${ref.module}#${ref.exportName ?? ''} is not a handler: ${why}.`, {
    code: 'HANDLER_INVALID',
    details: {
      module: ref.module,
      ...(ref.exportName === undefined ? {} : { export: ref.exportName }),
    },
    fix: 'Name a function made with handler(fn, …) as #name, or a @Handler method as #Class.method.',
  });
}
