import {
  BUILTIN_PACKAGERS,
  MemoryStore,
  PackagersManager,
  StoreArtifactRepository,
  TempScope,
  TypediContainer,
} from '@stowage/core';
import type {
  ConcreteConstructor,
  ContainerLike,
  DataItem,
  PackableType,
  Store,
} from '@stowage/core';

/** What {@link createTestManager} is built with; every field is optional. */
export interface TestManagerOptions {
  /**
   * The packagers the manager may use, oldest first. Default: none besides the builtins (see
   * `builtins`). The import-time catalog is never used, so other test files cannot leak in.
   */
  readonly packagers?: readonly ConcreteConstructor[];
  /** Also register the builtin packagers before `packagers` (default `true`). */
  readonly builtins?: boolean;
  /** The `object` fallback; `null` (the default) for none, so a broken packager is not masked. */
  readonly fallback?: ConcreteConstructor | null;
  /** The store (default: a new `MemoryStore`). */
  readonly store?: Store;
  /** The container packager instances come from (default: a new private typedi container). */
  readonly container?: ContainerLike;
}

/** A manager with its own registry, container, store and warnings, for one test. */
export interface TestManager {
  readonly manager: PackagersManager;
  readonly store: Store;
  readonly repository: StoreArtifactRepository;
  readonly container: ContainerLike;
  /** Every warning the manager and its packagers emitted, in order. */
  readonly warnings: string[];
  /**
   * Opens a stored artifact by URI with a temporary scope owned by this test manager, so
   * {@link TestManager.dispose} removes whatever reading it downloaded.
   */
  open(uri: string): Promise<DataItem>;
  /** Opens `uri` and unpacks it with `typeHint`. */
  unpack<T>(uri: string, typeHint?: PackableType<T>): Promise<T>;
  /** Removes every temporary directory made for unpacking (call it in `afterEach`). */
  dispose(): Promise<void>;
}

/**
 * Builds a fresh manager for one test: a new registry with exactly the packagers given (plus the
 * builtins unless `builtins: false`), a new container, a new memory store, and a warning list.
 *
 * @remarks
 * Nothing is shared between two calls, so tests stay independent whatever order they run in.
 * Warnings are collected in `warnings` instead of being printed. Reads made through
 * {@link TestManager.open} and unpacks share one temporary scope; call
 * {@link TestManager.dispose} when the test is done with the unpacked values.
 *
 * @example
 * ```ts
 * const t = createTestManager({ packagers: [PointPackager] });
 * const out = await t.manager.pack(new Point(1, 2), 'p: file');
 * ```
 * @throws DefinitionError when a given class is not a valid packager.
 */
export function createTestManager(options: TestManagerOptions = {}): TestManager {
  const store = options.store ?? new MemoryStore({ name: 'test' });
  const repository = new StoreArtifactRepository({ store });
  const container = options.container ?? new TypediContainer();
  const warnings: string[] = [];
  const builtins = options.builtins === false ? [] : BUILTIN_PACKAGERS;
  const manager = new PackagersManager({
    repository,
    container,
    packagers: [...builtins, ...(options.packagers ?? [])],
    fallback: options.fallback ?? null,
    warnings: { warn: (message) => warnings.push(message) },
    customPackagers: [],
  });
  let temp = new TempScope();
  const open = (uri: string): Promise<DataItem> => repository.open(uri, { temp });
  return {
    manager,
    store,
    repository,
    container,
    warnings,
    open,
    unpack: async <T>(uri: string, typeHint?: PackableType<T>) =>
      manager.unpack<T>(await open(uri), typeHint),
    dispose: async () => {
      const used = temp;
      temp = new TempScope();
      await Promise.all([manager.cleanup(), used.dispose()]);
    },
  };
}
