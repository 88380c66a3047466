/** A class the container can build (constructor arguments are the container's business). */
export type Injectable<T = unknown> = abstract new (...args: never[]) => T;

/**
 * The small slice of a dependency-injection container Stowage needs.
 *
 * @remarks
 * The manager gets packager instances through `get`, so packagers may have constructor-injected
 * services. When `set` is available the manager registers itself under `PackagersManager`, so a
 * service built by the same container receives it. {@link TypediContainer} adapts typedi; any
 * other container (tsyringe, inversify, a hand-written map) fits in a few lines.
 *
 * @example
 * ```ts
 * const plain: ContainerLike = { get: (cls) => new (cls as new () => never)() };
 * ```
 */
export interface ContainerLike {
  /** The instance for `cls` (built on first request; the same instance afterwards). */
  get<T>(cls: Injectable<T>): T;
  /** Registers `value` as the instance for `cls`. Optional. */
  set?<T>(cls: Injectable<T>, value: T): void;
}
