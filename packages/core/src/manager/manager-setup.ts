import type { ArtifactRepository } from '../repository/artifact-repository';
import { StoreArtifactRepository } from '../repository/store-artifact.repository';
import { loadCustomPackagers } from '../config/load-custom-packagers';
import { loadProjectConfig } from '../config/project-config';
import type { WarningSink } from '../packagers/pack-context';
import { catalogSnapshot } from '../metadata/packager-catalog';
import { PackagerRegistry } from '../registry/packager-registry';
import type { PackagerSnapshot } from '../registry/packager-snapshot';
import { defaultPackagers } from './default-packagers';
import type { PackagersManagerOptions } from './manager-options';

/**
 * Builds the frozen snapshot a manager dispatches on: the explicit list, or the builtins then the
 * catalog, then the custom packagers; the fallback kept apart. @internal
 */
export function buildManagerSnapshot(
  options: PackagersManagerOptions,
  sink: WarningSink,
): PackagerSnapshot {
  const needsDefaults =
    options.fallback === undefined ||
    (options.packagers === undefined && options.builtins === undefined);
  const defaults = needsDefaults ? defaultPackagers() : { builtins: [], fallback: undefined };
  const fallback = options.fallback === null ? undefined : (options.fallback ?? defaults.fallback);
  const registry = new PackagerRegistry(fallback === undefined ? {} : { fallback });
  if (options.packagers !== undefined) registry.register(...options.packagers);
  else registry.register(...(options.builtins ?? defaults.builtins), ...catalogSnapshot());
  const root = options.projectRoot ?? process.cwd();
  const entries =
    options.customPackagers ??
    (options.projectRoot === undefined
      ? []
      : loadProjectConfig(options.projectRoot).customPackagers);
  registry.register(...loadCustomPackagers(entries, root, sink));
  return registry.build();
}

/** The repository a manager stores artifacts with, if any. @internal */
export function managerRepository(
  options: PackagersManagerOptions,
): ArtifactRepository | undefined {
  if (options.repository !== undefined) return options.repository;
  if (options.store === undefined) return undefined;
  const factory = options.repositoryFactory ?? ((store) => new StoreArtifactRepository({ store }));
  return factory(options.store);
}
