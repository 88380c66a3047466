import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors/config.error';
import { writeFileAtomic } from './atomic-write';
import { CONFIG_FILE, loadProjectConfig, readJsonFile } from './project-config';
import type { CustomPackagerEntry, ProjectConfig } from './project-config';

/** Options of {@link addCustomPackager}. */
export interface AddCustomPackagerOptions {
  /** Fail the run when it cannot be collected (default `true`). */
  readonly mandatory?: boolean;
}

function indentOf(text: string): number {
  const match = /\n( +)\S/.exec(text);
  return match?.[1]?.length ?? 2;
}

async function save(config: ProjectConfig, entries: readonly CustomPackagerEntry[]): Promise<void> {
  const list = entries.map((e) => ({ module: e.module, mandatory: e.mandatory }));
  const usePackageJson = config.sourceKind === 'package-json';
  const path = usePackageJson ? join(config.root, 'package.json') : join(config.root, CONFIG_FILE);
  const exists = existsSync(path);
  const text = exists ? readFileSync(path, 'utf8') : '';
  const whole = (exists ? readJsonFile(path) : {}) as Record<string, unknown>;
  const next = usePackageJson
    ? {
        ...whole,
        stowage: { ...(whole['stowage'] as Record<string, unknown>), customPackagers: list },
      }
    : { ...whole, customPackagers: list };
  try {
    await writeFileAtomic(path, `${JSON.stringify(next, null, exists ? indentOf(text) : 2)}\n`);
  } catch (cause) {
    throw new ConfigError(`Could not write ${path}.`, {
      code: 'CONFIG_WRITE_FAILED',
      details: { path },
      cause,
      fix: 'Check that the project folder exists and is writable.',
    });
  }
}

/**
 * Adds a custom packager (by module specifier) to the project configuration, or updates its
 * `mandatory` flag; returns the new configuration.
 *
 * @remarks
 * Edits `stowage.config.json`, or the `stowage` field of package.json when the project keeps its
 * configuration there; creates `stowage.config.json` when there is none. Other fields are kept.
 * The file is replaced atomically and durably (temporary file, fsync, rename, fsync of the
 * folder).
 *
 * @example
 * ```ts
 * await addCustomPackager(root, './src/packagers#ImagePackager', { mandatory: true });
 * ```
 * @throws ConfigError `CONFIG_INVALID_JSON`, `CONFIG_INVALID_SHAPE`, `CONFIG_WRITE_FAILED`.
 */
export async function addCustomPackager(
  root: string,
  module: string,
  options: AddCustomPackagerOptions = {},
): Promise<ProjectConfig> {
  const config = loadProjectConfig(resolve(root));
  const entry: CustomPackagerEntry = { module, mandatory: options.mandatory ?? true };
  const existing = config.customPackagers.find((e) => e.module === module);
  if (existing?.mandatory === entry.mandatory) return config;
  const entries =
    existing === undefined
      ? [...config.customPackagers, entry]
      : config.customPackagers.map((e) => (e.module === module ? entry : e));
  await save(config, entries);
  return loadProjectConfig(config.root);
}

/**
 * Removes a custom packager from the project configuration; returns the new configuration.
 * @throws ConfigError `CONFIG_PACKAGER_NOT_FOUND` when the module is not configured, and the
 * errors of {@link addCustomPackager}.
 */
export async function removeCustomPackager(root: string, module: string): Promise<ProjectConfig> {
  const config = loadProjectConfig(resolve(root));
  if (!config.customPackagers.some((e) => e.module === module)) {
    throw new ConfigError(
      `The custom packager "${module}" is not in the configuration of ${config.root}.`,
      {
        code: 'CONFIG_PACKAGER_NOT_FOUND',
        details: { module, configured: config.customPackagers.map((e) => e.module) },
        fix: `Use one of the configured modules: ${config.customPackagers.map((e) => e.module).join(', ') || '(none)'}.`,
      },
    );
  }
  await save(
    config,
    config.customPackagers.filter((e) => e.module !== module),
  );
  return loadProjectConfig(config.root);
}
