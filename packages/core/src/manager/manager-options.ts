import type { TempScope } from '../temp/temp-scope';
import type { ArtifactRepository } from '../repository/artifact-repository';
import type { CustomPackagerEntry } from '../config/project-config';
import type { ContainerLike } from '../di/container-like';
import type { WarningSink } from '../packagers/pack-context';
import type { ClassRegistry } from '../serialization/class-registry';
import type { Store } from '../stores/store';
import type { ConcreteConstructor } from '../types';

/** What a {@link PackagersManager} is built with; every field is optional. */
export interface PackagersManagerOptions {
  /** Where artifacts go. Takes precedence over `store`. */
  readonly repository?: ArtifactRepository;
  /** A store to keep artifacts in, wrapped by `repositoryFactory`. */
  readonly store?: Store;
  /** Builds the repository for `store` (default: `new StoreArtifactRepository({ store })`). */
  readonly repositoryFactory?: (store: Store) => ArtifactRepository;
  /** Builds packager instances (default: a private {@link TypediContainer}). */
  readonly container?: ContainerLike;
  /**
   * The packagers to use, oldest first. Given: only these (plus the fallback and custom
   * packagers). Omitted: the builtins, then every `@Packager` class imported so far (the catalog).
   */
  readonly packagers?: readonly ConcreteConstructor[];
  /** The builtin packagers used when `packagers` is omitted (default: `BUILTIN_PACKAGERS`). */
  readonly builtins?: readonly ConcreteConstructor[];
  /** The `object` fallback (default: the builtin `ObjectPackager`); `null` for none. */
  readonly fallback?: ConcreteConstructor | null;
  /** Custom packagers by module specifier (default: the project configuration when `projectRoot` is set). */
  readonly customPackagers?: readonly CustomPackagerEntry[];
  /** Root that custom packager specifiers resolve from; its configuration is read when set. */
  readonly projectRoot?: string;
  /** Receives warnings (default: `process.emitWarning` with name `StowageWarning`). */
  readonly warnings?: WarningSink;
  /**
   * Classes the `object` fallback may revive, handed to packagers as `ctx.classes` (default: a new
   * registry per manager). The manager adds the `type` of each custom packager to it, under the id
   * `packager:<packager name>`, unless that class is already registered.
   */
  readonly classes?: ClassRegistry;
  /**
   * The temp root: where the manager's temporary directories are made (pack scratch space,
   * unpacked archives, local copies; default `os.tmpdir()`). `run()` puts its run's scope there too.
   */
  readonly tempRoot?: string;
  /** Register the manager in its container under `PackagersManager` (default `true`). */
  readonly provideSelf?: boolean;
}

/** Per-call options of {@link PackagersManager.pack}. */
export interface PackCallOptions {
  /** The run producing the value; recorded as the artifact's producer. */
  readonly runId?: string;
}

/** Options of one {@link PackagersManager.unpack} call. */
export interface UnpackCallOptions {
  /**
   * Owns the temporary directories the unpack methods make (extracted archives, local copies).
   *
   * @remarks
   * Default: the manager's own set, removed by `manager.cleanup()`. Pass a scope to control the
   * lifetime yourself: the files stay until you call `temp.dispose()`, and another caller's
   * `cleanup()` on a shared manager cannot remove them. `run()` passes one scope per run.
   */
  readonly temp?: TempScope;
}
