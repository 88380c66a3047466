// Types for scripts/pack-tarballs.js, so tests can import it under strict TypeScript.

/** A public (not private) workspace package. */
export interface PublicPackage {
  readonly name: string;
  readonly version: string;
  /** Its folder, relative to the repository root. */
  readonly dir: string;
  readonly manifest: Record<string, unknown>;
}

/** One package as `npm pack --json` describes it. */
export interface PackResult {
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: readonly { readonly path: string; readonly size: number }[];
}

/** The public workspace packages, in workspace order. */
export function publicPackages(): PublicPackage[];
/** Runs `npm pack --json` for every public package, or in `cwd` alone. */
export function npmPack(options?: {
  readonly dryRun?: boolean;
  readonly outDir?: string;
  readonly cwd?: string;
}): PackResult[];
/** What is wrong with a package's packed file list; empty when nothing is. */
export function tarballProblems(packageDir: string, files: readonly string[]): string[];
/** Where `npm run pack` writes the tarballs (dist-tarballs/). */
export const DEFAULT_OUT: string;
