import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function versionOf(name: string, entry: string): string {
  let dir = dirname(require.resolve(entry));
  for (let i = 0; i < 4; i++) {
    try {
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (json.name === name && typeof json.version === 'string') return json.version;
    } catch {
      // not this folder: go up
    }
    dir = dirname(dir);
  }
  return 'unknown';
}

/**
 * The installed versions of the libraries the table packager writes with, recorded with every
 * artifact it packs (a later unpack warns when they differ).
 */
export const TABLES_PACKAGE_VERSIONS: Readonly<Record<string, string>> = Object.freeze({
  'apache-arrow': versionOf('apache-arrow', 'apache-arrow'),
  'parquet-wasm': versionOf('parquet-wasm', 'parquet-wasm'),
});
