/** A module's exports, or why they could not be loaded. */
type Loaded = { readonly exports: Record<string, unknown> } | { readonly error: string };

const cache = new Map<string, Loaded>();

function load(specifier: string): Loaded {
  let loaded = cache.get(specifier);
  if (loaded === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = { exports: require(specifier) as Record<string, unknown> };
    } catch (error) {
      loaded = { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
    }
    cache.set(specifier, loaded);
  }
  return loaded;
}

/**
 * Looks up named exports of a Stowage package at run time.
 *
 * @remarks
 * The benchmarks measure code that other engineers land in parallel. Looking exports up at run
 * time (instead of importing them) keeps the bench compiling and running while a subject is
 * missing: the case reports `skipped` with the reason this function returns, never a number.
 *
 * @returns the exports, or a reason such as `@stowage/core does not export LocalStore yet`.
 */
export function findExports(
  specifier: string,
  names: readonly string[],
): { readonly exports: Record<string, unknown> } | { readonly missing: string } {
  const loaded = load(specifier);
  if ('error' in loaded) return { missing: `${specifier} cannot be loaded (${loaded.error})` };
  const absent = names.filter((name) => loaded.exports[name] === undefined);
  if (absent.length > 0) {
    return { missing: `${specifier} does not export ${absent.join(', ')} yet` };
  }
  return loaded;
}

/**
 * Looks up one export: from the package's public barrel, else (while the owner has not exported
 * it yet) from a module inside the package's `dist`, with a note saying so.
 */
export function findExport<T>(
  specifier: string,
  name: string,
  internalModule: string,
): { readonly value: T; readonly note?: string } | { readonly missing: string } {
  const pub = findExports(specifier, [name]);
  if ('exports' in pub) return { value: pub.exports[name] as T };
  const internal = findExports(`${specifier}/dist/${internalModule}`, [name]);
  if ('exports' in internal) {
    return {
      value: internal.exports[name] as T,
      note: `${name} loaded from dist/${internalModule} (not in the ${specifier} barrel yet)`,
    };
  }
  return pub;
}
