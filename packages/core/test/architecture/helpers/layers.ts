/**
 * The layers of `packages/core/src`, bottom first. A folder may import only from folders in a
 * lower layer (never its own layer's neighbours, never upward, not even for a type).
 * docs/architecture.md ("Layers") mirrors this list; folder-cycles.test.ts keeps the two equal.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['(root)'],
  ['errors', 'di'],
  ['metadata', 'stores', 'temp', 'archives', 'formats', 'values'],
  ['options', 'serialization'],
  ['artifacts'],
  ['data', 'log-hints', 'stats', 'listing'],
  ['repository', 'decorators'],
  ['registry', 'runs'],
  ['packagers'],
  ['config'],
  ['bundling'],
  ['manager'],
  ['handlers', 'gc', 'lifecycle'],
];

/**
 * Imports allowed against the layers while a rework moves them (each entry is one file's import
 * of a folder it may not import). Empty since the output-lifecycle rework (issue 14) landed; a
 * stale entry fails the test.
 */
export const LIFECYCLE_ALLOWED_IMPORTS: readonly { readonly file: string; readonly to: string }[] =
  [];
