import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors/config.error';

/** File name of the project configuration. */
export const CONFIG_FILE = 'stowage.config.json';

/** A custom packager listed in the project configuration. */
export interface CustomPackagerEntry {
  /** `./path/to/module#ExportName`, `package-name#ExportName`, or a module alone (all its packagers). */
  readonly module: string;
  /** `true`: failing to collect it fails; `false`: a warning, and other packagers or the fallback take over. */
  readonly mandatory: boolean;
}

/** The project configuration as read from disk. */
export interface ProjectConfig {
  /** The project root the configuration belongs to (module specifiers resolve from here). */
  readonly root: string;
  /** The file it was read from, or `undefined` when the project has none. */
  readonly source: string | undefined;
  /** `stowage.config.json`, or the `stowage` field of package.json. */
  readonly sourceKind: 'config-file' | 'package-json' | 'none';
  readonly customPackagers: readonly CustomPackagerEntry[];
}

/** Reads and parses a JSON file. @internal */
export function readJsonFile(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ConfigError(`${path} is not valid JSON.`, {
      code: 'CONFIG_INVALID_JSON',
      details: { path },
      cause,
      fix: 'Fix the JSON syntax (a trailing comma or a missing quote is the usual culprit).',
    });
  }
}

function shapeError(source: string, what: string): ConfigError {
  return new ConfigError(`The Stowage configuration in ${source}: ${what}`, {
    code: 'CONFIG_INVALID_SHAPE',
    details: { source },
    fix: 'Write it as { "customPackagers": [{ "module": "./my-packagers#MyPackager", "mandatory": true }] }.',
  });
}

/**
 * Validates the `customPackagers` list of a configuration object. A string entry is short for
 * `{ module, mandatory: true }`. @internal
 */
export function parseCustomPackagers(config: unknown, source: string): CustomPackagerEntry[] {
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw shapeError(source, 'it is not an object.');
  const list = (config as { customPackagers?: unknown }).customPackagers;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw shapeError(source, '"customPackagers" is not an array.');
  return list.map((entry: unknown, i) => {
    if (typeof entry === 'string' && entry.trim() !== '') return { module: entry, mandatory: true };
    const e = entry as { module?: unknown; mandatory?: unknown } | null;
    if (
      typeof e !== 'object' ||
      e === null ||
      typeof e.module !== 'string' ||
      e.module.trim() === ''
    ) {
      throw shapeError(source, `customPackagers[${i}] has no "module" string.`);
    }
    if (e.mandatory !== undefined && typeof e.mandatory !== 'boolean') {
      throw shapeError(source, `customPackagers[${i}].mandatory is not true or false.`);
    }
    return { module: e.module, mandatory: e.mandatory ?? true };
  });
}

/**
 * Reads the project configuration of `root`: `stowage.config.json` when it exists, else the
 * `stowage` field of `package.json`, else an empty configuration.
 *
 * @example
 * ```ts
 * const config = loadProjectConfig(process.cwd());
 * config.customPackagers; // [{ module: './packagers#ImagePackager', mandatory: true }]
 * ```
 * @throws ConfigError `CONFIG_INVALID_JSON` or `CONFIG_INVALID_SHAPE`.
 */
export function loadProjectConfig(root: string): ProjectConfig {
  const dir = resolve(root);
  const file = join(dir, CONFIG_FILE);
  if (existsSync(file)) {
    const customPackagers = Object.freeze(parseCustomPackagers(readJsonFile(file), file));
    return Object.freeze({ root: dir, source: file, sourceKind: 'config-file', customPackagers });
  }
  const pkg = join(dir, 'package.json');
  if (existsSync(pkg)) {
    const field = (readJsonFile(pkg) as { stowage?: unknown } | null)?.stowage;
    if (field !== undefined) {
      const customPackagers = Object.freeze(parseCustomPackagers(field, `${pkg} ("stowage")`));
      return Object.freeze({ root: dir, source: pkg, sourceKind: 'package-json', customPackagers });
    }
  }
  return Object.freeze({
    root: dir,
    source: undefined,
    sourceKind: 'none',
    customPackagers: Object.freeze([]),
  });
}
