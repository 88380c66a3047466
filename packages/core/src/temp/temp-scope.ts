import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreError } from '../errors/store.error';

/** Prefix of every temporary directory Stowage creates under the temp root. */
export const TEMP_DIR_PREFIX = 'stowage-';

/** Options of {@link TempScope}. */
export interface TempScopeOptions {
  /** The temp root: parent of the scope's directories (default `os.tmpdir()`, read at each `dir()`). */
  readonly parent?: string;
}

/**
 * The one owner of Stowage's temporary directories: creates them under the temp root, tracks
 * them, and removes them all at once.
 *
 * @remarks
 * Every temporary directory Stowage makes belongs to a scope: the packagers manager makes one per
 * `pack()` (removed when the pack succeeds, fails or is aborted) and keeps one for unpacks made
 * without a caller's scope (emptied by `manager.cleanup()`); `run()` makes one per run and hands
 * it to the run context, its inputs' data items and its unpacks, and disposes it when the run
 * ends; a repository keeps one for the items it opens. Directories are
 * `<parent>/stowage-<label>-XXXXXX`. {@link TempScope.clear} empties a scope that stays in use;
 * {@link TempScope.dispose} empties it for good (a disposed scope refuses new directories).
 *
 * @example
 * ```ts
 * const value = await TempScope.use(async (temp) => {
 *   const dir = await temp.dir('download');
 *   return process(dir);
 * }); // dir is gone here, even if process() threw
 * ```
 */
export class TempScope {
  private readonly root: string | undefined;
  private readonly dirs: string[] = [];
  private disposed = false;

  constructor(options: TempScopeOptions = {}) {
    this.root = options.parent;
  }

  /** The temp root the scope's directories are made in (the `parent` option, else `os.tmpdir()`). */
  get parent(): string {
    return this.root ?? tmpdir();
  }

  /** Runs `work` with a fresh scope and disposes the scope afterwards, whatever happens. */
  static async use<T>(
    work: (scope: TempScope) => Promise<T>,
    options?: TempScopeOptions,
  ): Promise<T> {
    const scope = new TempScope(options);
    try {
      return await work(scope);
    } finally {
      await scope.dispose();
    }
  }

  /** How many directories the scope currently owns. */
  get size(): number {
    return this.dirs.length;
  }

  /**
   * Creates a fresh, empty directory owned by this scope.
   *
   * @param label - A short word shown in the directory name (`[a-z0-9-]`, others are replaced).
   * @throws StoreError when the scope is disposed or the directory cannot be created.
   */
  async dir(label = 'tmp'): Promise<string> {
    if (this.disposed) throw disposedError(label);
    const safe = label
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 40);
    const dir = await fs.mkdtemp(join(this.parent, `${TEMP_DIR_PREFIX}${safe}-`));
    if (this.disposed) {
      // Disposed while the directory was being made: dispose() could not see it, so it goes here.
      await fs.rm(dir, { recursive: true, force: true, maxRetries: 2 });
      throw disposedError(label);
    }
    this.dirs.push(dir);
    return dir;
  }

  /**
   * Removes every directory made so far (newest first); the scope stays usable.
   *
   * @throws StoreError listing the directories that could not be removed (all are attempted).
   */
  clear(): Promise<void> {
    return this.removeAll();
  }

  /**
   * Removes every directory the scope created (newest first) and refuses new ones; safe to call
   * more than once.
   *
   * @throws StoreError listing the directories that could not be removed (all are attempted).
   */
  dispose(): Promise<void> {
    this.disposed = true;
    return this.removeAll();
  }

  private async removeAll(): Promise<void> {
    const failures: string[] = [];
    let cause: unknown;
    while (this.dirs.length > 0) {
      const dir = this.dirs.pop() as string;
      try {
        await fs.rm(dir, { recursive: true, force: true, maxRetries: 2 });
      } catch (error) {
        failures.push(dir);
        cause = error;
      }
    }
    if (failures.length > 0) {
      throw new StoreError(`Could not remove temporary directories: ${failures.join(', ')}.`, {
        details: { dirs: failures },
        fix: 'Check permissions on the temporary directory; remove the listed directories by hand.',
        cause,
      });
    }
  }
}

function disposedError(label: string): StoreError {
  return new StoreError('Cannot create a temporary directory: its TempScope is already disposed.', {
    details: { label },
    fix: 'Create temporary directories before the scope that owns them is disposed (or use a new TempScope).',
  });
}
