import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreError } from '../errors/store.error';

/** Prefix of every temporary directory Stowage creates under `os.tmpdir()`. */
export const TEMP_DIR_PREFIX = 'stowage-';

/** Options of {@link TempScope}. */
export interface TempScopeOptions {
  /** Parent directory (default `os.tmpdir()`). */
  readonly parent?: string;
}

/**
 * Owns temporary directories and removes them all at once.
 *
 * @remarks
 * The packagers manager and `run()` create one scope per unit of work, hand it to pack and unpack
 * contexts and data items, and call {@link TempScope.dispose} in a `finally`, so temporary files
 * are removed on success and on failure. Directories are `os.tmpdir()/stowage-<label>-XXXXXX`.
 * A disposed scope refuses to create more directories.
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
  private readonly parent: string;
  private readonly dirs: string[] = [];
  private disposed = false;

  constructor(options: TempScopeOptions = {}) {
    this.parent = options.parent ?? tmpdir();
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
    if (this.disposed) {
      throw new StoreError(
        'Cannot create a temporary directory: its TempScope is already disposed.',
        {
          details: { label },
          fix: 'Create temporary directories before the scope that owns them is disposed (or use a new TempScope).',
        },
      );
    }
    const safe = label
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 40);
    const dir = await fs.mkdtemp(join(this.parent, `${TEMP_DIR_PREFIX}${safe}-`));
    this.dirs.push(dir);
    return dir;
  }

  /**
   * Removes every directory the scope created (newest first); safe to call more than once.
   *
   * @throws StoreError listing the directories that could not be removed (all are attempted).
   */
  async dispose(): Promise<void> {
    this.disposed = true;
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
