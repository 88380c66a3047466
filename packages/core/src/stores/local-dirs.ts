import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { dirname, sep } from 'node:path';

/** Directories remembered per store before the memory is dropped and rebuilt on demand. */
const MAX_KNOWN_DIRS = 4096;

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | undefined)?.code;
}

/**
 * Remembers which directories under one `LocalStore` root exist, so a write into a known
 * directory costs no `mkdir` and a write into a new one no failed `open`.
 *
 * @remarks
 * One instance per store (never shared, never global). The memory is only a hint: a directory
 * deleted behind the store's back shows up as `ENOENT` on `open`, which forgets it, creates it
 * again and retries. Bounded to {@link MAX_KNOWN_DIRS} entries (cleared when full).
 */
export class KnownDirs {
  private readonly known = new Set<string>();

  /**
   * @param root - The store root.
   * @param beforeCreate - Called with a directory before it is created (the root guard's check).
   */
  constructor(
    private readonly root: string,
    private readonly beforeCreate: (dir: string) => Promise<void> = async () => undefined,
  ) {}

  /** Opens `file` (in directory `dir`) as a new file for writing, creating `dir` when needed. */
  async openNew(file: string, dir: string): Promise<FileHandle> {
    for (let attempt = 0; ; attempt++) {
      if (!this.known.has(dir)) await this.create(dir);
      try {
        return await fs.open(file, 'wx');
      } catch (error) {
        if (codeOf(error) !== 'ENOENT' || attempt >= 3) throw error;
        // Deleted behind our back (or by a concurrent delete): forget it and its parents.
        this.forget(dir);
      }
    }
  }

  /** Creates `dir` (and its parents) unless it is known to exist. */
  async ensure(dir: string): Promise<void> {
    if (!this.known.has(dir)) await this.create(dir);
  }

  /** Forgets `dir` (after it was removed), and with `parents` every directory above it. */
  forget(dir: string, parents = true): void {
    if (!parents) this.known.delete(dir);
    else for (let d = dir; this.inside(d); d = dirname(d)) this.known.delete(d);
  }

  private async create(dir: string): Promise<void> {
    const parent = dirname(dir);
    let made = false;
    if (this.known.has(parent)) {
      // One round trip instead of a recursive walk; EEXIST means another writer made it.
      made = await fs.mkdir(dir).then(
        () => true,
        (error: unknown) => {
          if (codeOf(error) === 'EEXIST') return true;
          if (codeOf(error) === 'ENOENT') return false;
          throw error;
        },
      );
      if (!made) this.forget(parent);
    }
    if (!made) {
      // A recursive mkdir would follow a link planted on the way: check the existing part first.
      await this.beforeCreate(dir);
      await fs.mkdir(dir, { recursive: true }).catch((error: unknown) => {
        // Node reports ENOENT for a recursive mkdir on a read-only filesystem: find the real errno.
        if (codeOf(error) !== 'ENOENT') throw error;
        return this.createEach(dir);
      });
    }
    if (this.known.size >= MAX_KNOWN_DIRS) this.known.clear();
    for (let d = dir; this.inside(d); d = dirname(d)) this.known.add(d);
  }

  /** Creates `dir` one level at a time from the root down (`EEXIST` is fine), for its errno. */
  private async createEach(dir: string): Promise<void> {
    const chain: string[] = [];
    for (let d = dir; this.inside(d); d = dirname(d)) chain.unshift(d);
    for (const d of chain) {
      await fs.mkdir(d).catch((error: unknown) => {
        if (codeOf(error) !== 'EEXIST') throw error;
      });
    }
  }

  /** The root itself or a directory below it (never above: stops the walk up). */
  private inside(dir: string): boolean {
    return dir === this.root || dir.startsWith(this.root + sep);
  }
}
