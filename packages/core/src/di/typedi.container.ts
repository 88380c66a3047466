import { randomUUID } from 'node:crypto';
import { ContainerInstance, ServiceNotFoundError } from 'typedi';
import type { ServiceOptions } from 'typedi';
import type { ContainerLike, Injectable } from './container-like';

/**
 * Adapts a typedi container to {@link ContainerLike}; the default container of a manager.
 *
 * @remarks
 * Wraps the `ContainerInstance` you pass (e.g. `Container.of('tenant-a')`), or a fresh private
 * `ContainerInstance` when none is given: library code never touches typedi's global
 * `Container`. Classes decorated with typedi's `@Service()` resolve as usual (their dependencies
 * are constructor-injected); a packager class without `@Service()` is registered on first use so
 * its constructor dependencies are still injected.
 *
 * @example
 * ```ts
 * const container = Container.of('jobs');
 * const manager = new PackagersManager({ container: new TypediContainer(container) });
 * container.get(ReportService); // receives the manager in its constructor
 * ```
 */
export class TypediContainer implements ContainerLike {
  /** The wrapped typedi container. */
  readonly instance: ContainerInstance;

  constructor(instance?: ContainerInstance) {
    this.instance = instance ?? new ContainerInstance(`stowage-${randomUUID()}`);
  }

  /** The instance for `cls`, built by typedi with its constructor dependencies. */
  get<T>(cls: Injectable<T>): T {
    try {
      return this.instance.get<T>(cls as never);
    } catch (error) {
      // typedi's ES5 build (its `module` field, which Rollup picks) cannot subclass Error: its
      // ServiceNotFoundError is a plain Error with that name, which `instanceof` misses.
      const notFound =
        error instanceof ServiceNotFoundError ||
        (error as { name?: unknown } | null)?.name === 'ServiceNotFoundError';
      if (!notFound) throw error;
      this.instance.set({ id: cls, type: cls } as ServiceOptions<T>);
      return this.instance.get<T>(cls as never);
    }
  }

  /** Registers `value` as the instance for `cls` in the wrapped container. */
  set<T>(cls: Injectable<T>, value: T): void {
    this.instance.set({ id: cls, type: null, value } as unknown as ServiceOptions<T>);
  }
}
