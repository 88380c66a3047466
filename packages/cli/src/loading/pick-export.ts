import { NotFoundError } from '@stowage/core';
import type { ModuleRef } from './module-ref';

/** True when `value` is a class constructor (not a plain or arrow function). */
export function isClass(value: unknown): boolean {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}

/**
 * Picks the export a module reference names: `#name`, else `default`, else the module's only
 * exported function.
 *
 * @throws NotFoundError (core's, code `NOT_FOUND`, exit 1) when the named export is missing, or when no export is
 * named and the module has no default and not exactly one exported function.
 */
export function pickExport(
  ref: ModuleRef,
  exports: Readonly<Record<string, unknown>>,
): { name: string; value: unknown } {
  const names = Object.keys(exports).filter((n) => n !== '__esModule');
  if (ref.exportName !== undefined) {
    if (!Object.hasOwn(exports, ref.exportName)) {
      throw new NotFoundError(`${ref.path} has no export "${ref.exportName}".`, {
        code: 'NOT_FOUND',
        details: { path: ref.path, export: ref.exportName, exports: names },
        fix:
          names.length === 0
            ? 'The module exports nothing: export the handler.'
            : `Use one of its exports: ${names.join(', ')}.`,
      });
    }
    return { name: ref.exportName, value: exports[ref.exportName] };
  }
  if (Object.hasOwn(exports, 'default') && exports['default'] !== undefined)
    return { name: 'default', value: exports['default'] };
  const functions = names.filter((n) => typeof exports[n] === 'function' && !isClass(exports[n]));
  const [only] = functions;
  if (functions.length === 1 && only !== undefined) return { name: only, value: exports[only] };
  const file = ref.text;
  throw new NotFoundError(
    functions.length === 0
      ? `${ref.path} exports no function to run.`
      : `${ref.path} exports several functions (${functions.join(', ')}), so stowage cannot pick one.`,
    {
      code: 'NOT_FOUND',
      details: { path: ref.path, exports: names },
      fix:
        functions.length === 0
          ? 'Export a handler (handler(fn, …) or a @Handler method) from the module.'
          : `Name one after '#': ${file}#${functions[0] ?? 'name'}.`,
    },
  );
}
