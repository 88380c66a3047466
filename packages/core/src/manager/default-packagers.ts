import type { ConcreteConstructor } from '../types';

/** The builtin packagers and the `object` fallback shipped with `@stowage/core`. @internal */
export interface DefaultPackagers {
  readonly builtins: readonly ConcreteConstructor[];
  readonly fallback: ConcreteConstructor | undefined;
}

/**
 * Loads the builtin packagers lazily (they import serializers a bare registry does not need).
 * Returns none while `packagers/builtin` is not present. @internal
 */
export function defaultPackagers(): DefaultPackagers {
  let mod: {
    BUILTIN_PACKAGERS?: readonly ConcreteConstructor[];
    ObjectPackager?: ConcreteConstructor;
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('../packagers/builtin/index') as typeof mod;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'MODULE_NOT_FOUND')
      return { builtins: [], fallback: undefined };
    throw error;
  }
  return { builtins: mod.BUILTIN_PACKAGERS ?? [], fallback: mod.ObjectPackager };
}
