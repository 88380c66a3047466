import type { ContainerLike } from '../di/container-like';
import { CollectionError } from '../errors/collection.error';
import type { PackagerDefinition } from '../registry/packager-definition';
import type { Injectable } from '../di/container-like';
import { TypediContainer } from '../di/typedi.container';
import { DefinitionError } from '../errors/definition.error';
import { readDesignType } from '../metadata/metadata-store';

/** `new Packager(...services)` with each service from the container (`inject`). */
function construct(
  definition: PackagerDefinition,
  inject: readonly Injectable[],
  container: ContainerLike,
): unknown {
  const services = inject.map((service) => container.get(service));
  return new (definition.packagerClass as unknown as new (...args: unknown[]) => unknown)(
    ...services,
  );
}

/**
 * Refuses, before typedi silently passes `undefined`, a packager whose constructor takes services
 * whose types nothing recorded (no `inject`, no emitted `design:paramtypes`). Other containers
 * decide for themselves.
 * @throws DefinitionError `DEFINITION_INJECT_REQUIRED`.
 */
function checkConstructorTypes(definition: PackagerDefinition, container: ContainerLike): void {
  const cls = definition.packagerClass;
  if (!(container instanceof TypediContainer) || cls.length === 0) return;
  if (readDesignType('design:paramtypes', cls) !== undefined) return;
  const mode =
    definition.declaredWith === 'standard'
      ? 'standard decorators emit no constructor types'
      : 'no design:paramtypes metadata was emitted for it';
  throw new DefinitionError(
    `The packager ${definition.name} has a constructor with ${cls.length} parameter(s), but ${mode}, so the container cannot know which services to pass.`,
    {
      code: 'DEFINITION_INJECT_REQUIRED',
      details: { packager: definition.name, parameters: cls.length },
      fix: `List the services in order: @Packager({ type: ${definition.typeName}, inject: [MyService] }) (or inject in definePackager/registerPackager); with legacy decorators, enabling "emitDecoratorMetadata" also works.`,
    },
  );
}

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
      const inject = definition.inject;
      if (inject === undefined) checkConstructorTypes(definition, this.container);
      try {
        instance = (
          inject === undefined
            ? this.container.get(definition.packagerClass)
            : construct(definition, inject, this.container)
        ) as Record<string | symbol, unknown>;
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
