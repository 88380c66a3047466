import { promises as fs, realpathSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { StoreError } from '../errors/store.error';

/** Where Linux shows the real path of an open descriptor (exact even after a race). */
const FD_LINKS = process.platform === 'linux' ? '/proc/self/fd/' : undefined;

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

/**
 * The error for a store path that leads outside the root through a symbolic link.
 *
 * @returns a `StoreError` with code `STORE_PATH_ESCAPE` naming the path, the store and the target.
 */
export function pathEscape(path: string, storeUrl: string, resolved: string): StoreError {
  return new StoreError(
    `Store path "${path}" in ${storeUrl} leads outside the store root (to ${resolved}) through a symbolic link.`,
    {
      code: 'STORE_PATH_ESCAPE',
      details: { path, store: storeUrl, resolved },
      fix: 'Remove the symbolic link inside the store root (or replace it with a real folder or file): a LocalStore never follows links out of its root.',
    },
  );
}

/**
 * Checks on disk that what a `LocalStore` touches is inside its root, whatever links are there.
 *
 * @remarks
 * Path text is validated before (no `..`); this catches symbolic links planted inside the root.
 * Opened files are checked by the real path of their descriptor (`/proc/self/fd` on Linux: what
 * was opened, even if a link was swapped in meanwhile; elsewhere `realpath` after the open).
 * Directories are checked by `realpath` of their deepest existing ancestor, which is best effort:
 * a link planted between that check and the next call is not seen. Links inside the root that
 * point inside it are allowed.
 */
export class RootGuard {
  private real: string | undefined;

  constructor(
    private readonly root: string,
    private readonly storeUrl: string,
  ) {}

  /** Throws when the open `handle` (opened at `full` for store path `path`) is outside the root. */
  async checkHandle(handle: FileHandle, full: string, path: string): Promise<void> {
    // Without /proc (some sandboxes), fall back to realpath of the name that was opened.
    const resolved =
      FD_LINKS !== undefined
        ? await fs.readlink(FD_LINKS + handle.fd).catch(() => fs.realpath(full))
        : await fs.realpath(full);
    this.verify(resolved, await this.realRoot(), path, false);
  }

  /**
   * Throws when `target` (a file, or a directory with `isDir`; existing or not) resolves outside
   * the root.
   *
   * @returns the resolved path of `target` when it exists, else `undefined`.
   */
  async checkPath(target: string, path: string, isDir = false): Promise<string | undefined> {
    const root = await this.realRoot().catch((error: unknown) => {
      if (codeOf(error) === 'ENOENT') return undefined;
      throw error;
    });
    if (root === undefined) return undefined;
    const resolved = await realpathIfAny(target);
    if (resolved !== undefined) {
      this.verify(resolved, root, path, isDir);
      return resolved;
    }
    // The target is missing: resolve its ancestors at once (not one round trip per level) and
    // check the deepest that exists.
    const ancestors: string[] = [];
    for (let current = target; current !== this.root && current.startsWith(this.root + sep);)
      ancestors.push((current = dirname(current)));
    const found = await Promise.all(ancestors.map(realpathIfAny));
    const deepest = found.find((r) => r !== undefined);
    if (deepest !== undefined) this.verify(deepest, root, path, true);
    return undefined;
  }

  /** The synchronous twin of {@link RootGuard.checkPath} (for `localPath`). */
  checkPathSync(target: string, path: string): void {
    let root: string;
    try {
      root = this.real ?? realpathSync.native(this.root);
    } catch {
      return;
    }
    for (let current = target; ; current = dirname(current)) {
      try {
        this.verify(realpathSync.native(current), root, path, current !== target);
        return;
      } catch (error) {
        const code = codeOf(error);
        if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
        if (current === this.root) return;
      }
    }
  }

  private verify(resolved: string, root: string, path: string, mayBeRoot: boolean): void {
    const inside =
      resolved.startsWith(root.endsWith(sep) ? root : root + sep) ||
      (mayBeRoot && resolved === root);
    if (!inside) throw pathEscape(path, this.storeUrl, resolved);
  }

  private async realRoot(): Promise<string> {
    this.real ??= await fs.realpath(this.root);
    return this.real;
  }
}

/** `realpath`, or `undefined` when the path (or a folder on the way) does not exist. */
async function realpathIfAny(path: string): Promise<string | undefined> {
  try {
    return await fs.realpath(path);
  } catch (error) {
    const code = codeOf(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    return undefined;
  }
}
