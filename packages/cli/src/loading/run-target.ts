import { HandlerError, NotFoundError } from '@stowage/core';
import { isClass, pickExport } from './pick-export';
import type { ModuleRef } from './module-ref';

/** What `run()` is given: a function, or an instance and the name of its `@Handler` method. */
export type RunTarget = ((...args: never[]) => unknown) | readonly [object, string];

/**
 * Finds the handler a module reference names: `#fn` (a function export), `#Class.method` (a
 * `@Handler` method, on a new instance of the class), or the default / only function export.
 *
 * @throws NotFoundError when the export or method is missing; HandlerError (`HANDLER_INVALID`)
 * when it is not a function or a class method (both core errors: exit 1, not a usage error).
 */
export function resolveRunTarget(
  ref: ModuleRef,
  exports: Readonly<Record<string, unknown>>,
): { name: string; target: RunTarget } {
  const dot = ref.exportName?.indexOf('.') ?? -1;
  if (ref.exportName !== undefined && dot > 0) {
    const className = ref.exportName.slice(0, dot);
    const method = ref.exportName.slice(dot + 1);
    const { value } = pickExport({ ...ref, exportName: className }, exports);
    return {
      name: ref.exportName,
      target: [instantiate(value, className, ref), methodOf(value, className, method, ref)],
    };
  }
  const { name, value } = pickExport(ref, exports);
  if (typeof value !== 'function' || isClass(value)) {
    const what = isClass(value) ? 'a class' : value === null ? 'null' : `a ${typeof value}`;
    throw new HandlerError(`The export "${name}" of ${ref.path} is ${what}, not a handler.`, {
      code: 'HANDLER_INVALID',
      details: { path: ref.path, export: name },
      fix: isClass(value)
        ? `Name the @Handler method too: ${ref.path}#${name}.methodName.`
        : 'Export a function made with handler(fn, …), or name a @Handler method as #Class.method.',
    });
  }
  return { name, target: value as (...args: never[]) => unknown };
}

function methodOf(cls: unknown, className: string, method: string, ref: ModuleRef): string {
  const proto = (cls as { prototype?: Record<string, unknown> }).prototype;
  if (typeof proto?.[method] !== 'function') {
    throw new NotFoundError(`${className} in ${ref.path} has no method "${method}".`, {
      code: 'NOT_FOUND',
      details: { path: ref.path, class: className, method },
      fix: 'Check the method name after the dot: #Class.method.',
    });
  }
  return method;
}

function instantiate(cls: unknown, className: string, ref: ModuleRef): object {
  if (!isClass(cls)) {
    throw new HandlerError(
      `The export "${className}" of ${ref.path} is not a class, so it has no methods to run.`,
      {
        code: 'HANDLER_INVALID',
        details: { path: ref.path, export: className },
        fix: `Use #${className} alone for a function handler, or #Class.method for a @Handler method.`,
      },
    );
  }
  const ctor = cls as new () => object;
  if (ctor.length > 0) {
    throw new HandlerError(
      `${className} needs constructor arguments, so stowage cannot create it.`,
      {
        code: 'HANDLER_INVALID',
        details: { path: ref.path, class: className },
        fix: 'Give the class a constructor without arguments, or export a function handler that builds it.',
      },
    );
  }
  return new ctor();
}
