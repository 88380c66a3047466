// Types for scripts/check-tsdoc.js, so the docs tests can import it under strict TypeScript.

/** A public export without a TSDoc summary. */
export interface UndocumentedExport {
  readonly package: string;
  readonly export: string;
  readonly declaredIn: string;
}

/** Lists the public exports of packages/<name>/src/index.ts (or of `entries`) with no summary. */
export function findUndocumentedExports(
  names?: readonly string[],
  entries?: readonly { readonly name: string; readonly file: string }[],
): UndocumentedExport[];
