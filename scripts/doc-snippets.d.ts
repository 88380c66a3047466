// Types for scripts/doc-snippets.js, so the docs tests can import it under strict TypeScript.

/** Where the docs live; defaults to the repository's `docs/`. */
export interface DocsLocation {
  readonly docsDir?: string;
}

/** Checks every ```ts block of the docs; with `write`, rewrites include blocks from their files. */
export function checkDocs(options?: DocsLocation & { readonly write?: boolean }): {
  problems: string[];
  included: string[];
};
/** Lists example files that no test under docs/examples imports. */
export function checkExamplesRun(options?: DocsLocation): string[];
/** Lists relative links in the docs that point at missing files. */
export function checkLinks(options?: DocsLocation): string[];
/** Lists topic files the docs index (docs/README.md) does not link. */
export function checkIndex(options?: DocsLocation): string[];
/** Every markdown file of the docs, except the API reference and the examples. */
export function listDocs(docsDir?: string): string[];
/** The text of an example file, or of one `// #region name` of it, as the docs show it. */
export function readSnippet(file: string, region?: string): string;
