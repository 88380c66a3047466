import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_VERSION } from './version';

/** The Stowage packages `stowage --version` looks for, in the order it prints them. */
export const STOWAGE_PACKAGES: readonly string[] = [
  '@stowage/cli',
  '@stowage/bullmq',
  '@stowage/core',
  '@stowage/s3',
  '@stowage/tables',
  '@stowage/testing',
  '@stowage/ui',
];

/** One installed Stowage package: its name, version and folder. */
export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
  /** The folder it was found in (`undefined` for the CLI itself). */
  readonly path?: string;
}

/**
 * The Stowage packages installed where this CLI can load them, with their versions: the CLI
 * itself, then each of {@link STOWAGE_PACKAGES} found in the `node_modules` folders Node would
 * search from here. Packages that are not installed are left out.
 *
 * @remarks
 * Each package's `package.json` is read from disk (not through `require`), so a package whose
 * `exports` map does not list `./package.json` is still found.
 */
export function installedVersions(
  searchPaths: readonly string[] = require.resolve.paths('@stowage/core') ?? [],
): InstalledPackage[] {
  const found: InstalledPackage[] = [{ name: '@stowage/cli', version: CLI_VERSION }];
  for (const name of STOWAGE_PACKAGES.slice(1)) {
    for (const dir of searchPaths) {
      const manifest = join(dir, name, 'package.json');
      const version = versionIn(manifest);
      if (version === undefined) continue;
      found.push({ name, version, path: join(dir, name) });
      break;
    }
  }
  return found;
}

/** `@stowage/cli 0.1.0` lines, names aligned, one per installed package. */
export function renderVersions(packages: readonly InstalledPackage[]): string {
  const width = Math.max(...packages.map((p) => p.name.length));
  return packages.map((p) => `${p.name.padEnd(width)}  ${p.version}\n`).join('');
}

function versionIn(manifest: string): string | undefined {
  if (!existsSync(manifest)) return undefined;
  try {
    const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}
