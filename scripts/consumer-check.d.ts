// Types for scripts/consumer-check.js, so tests can import it under strict TypeScript.

/** The scenario folders under test-consumers/, sorted. */
export function listScenarios(): string[];
/**
 * A scenario's package.json with each "tarball" dependency, and the Stowage packages those
 * depend on, pointing at `file:` tarballs (`files`: package name → its tarball and manifest).
 */
export function resolveManifest(
  manifest: Record<string, unknown>,
  files: ReadonlyMap<string, { readonly file: string; readonly manifest: Record<string, unknown> }>,
): Record<string, unknown> & { dependencies?: Record<string, string> };
