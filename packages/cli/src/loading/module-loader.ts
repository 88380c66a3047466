import { CliError } from '../errors/cli.error';
import type { ModuleRef } from './module-ref';

/**
 * Loads a module with `require` and returns its exports.
 *
 * @throws CliError (code `CLI_MODULE_FAILED`) when loading throws, with the module's error
 * as the cause (printed with `--debug`).
 */
export function loadModule(ref: ModuleRef): Readonly<Record<string, unknown>> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(ref.path) as unknown;
    return typeof loaded === 'object' && loaded !== null
      ? (loaded as Record<string, unknown>)
      : { default: loaded };
  } catch (cause) {
    throw new CliError(`Loading ${ref.path} failed: the module threw while being imported.`, {
      code: 'CLI_MODULE_FAILED',
      details: { path: ref.path },
      cause,
      fix: 'Fix the error in the module (rerun with --debug for its stack trace).',
    });
  }
}

/**
 * Loads modules one after another, for `--require`: modules that register packagers on import.
 *
 * @throws CliError as {@link loadModule}.
 */
export function loadModules(refs: readonly ModuleRef[]): void {
  for (const ref of refs) loadModule(ref);
}
