import type { ContainerLike } from '../di/container-like';
import { CollectionError } from '../errors/collection.error';
import type { PackagerDefinition } from '../registry/packager-definition';

/**
 * Packager instances of one manager, obtained once each from its container. @internal
 */
export class PackagerInstances {
  readonly #instances = new Map<PackagerDefinition, Record<string | symbol, unknown>>();

  constructor(private readonly container: ContainerLike) {}

  /**
   * The instance for a definition.
   * @throws CollectionError `COLLECTION_INSTANTIATION_FAILED` when the container cannot build it.
   */
  get(definition: PackagerDefinition): Record<string | symbol, unknown> {
    let instance = this.#instances.get(definition);
    if (instance === undefined) {
      try {
        instance = this.container.get(definition.packagerClass) as Record<string | symbol, unknown>;
      } catch (cause) {
        throw new CollectionError(
          `The container could not build the packager ${definition.name}.`,
          {
            code: 'COLLECTION_INSTANTIATION_FAILED',
            details: { packager: definition.name },
            cause,
            fix: 'Make its constructor dependencies resolvable (e.g. mark them @Service()), or register an instance.',
          },
        );
      }
      this.#instances.set(definition, instance);
    }
    return instance;
  }
}
