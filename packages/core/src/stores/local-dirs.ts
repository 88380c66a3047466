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
  /** Folders whose `mkdir` is under way, and how it ended. */
  private readonly making = new Map<string, Promise<'made' | 'existed' | 'vanished'>>();

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
    if (!(await this.createBelowKnown(dir))) {
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

  /**
   * Creates `dir` and the missing folders above it one level at a time below the deepest folder
   * known to exist: one `mkdir` per level, no walk of the path (a new artifact key's folders cost
   * two calls, not a `realpath` of every ancestor). `EEXIST` means another writer made it; a
   * folder that existed is checked (`beforeCreate`) before anything is created inside it.
   *
   * @remarks
   * Like a write into a known folder, this trusts the known folder (it was checked, or created
   * by this store); a plain `mkdir` never follows a link in its last part, and every file is
   * checked by its open descriptor anyway (`RootGuard.checkHandle`).
   * @returns `false` when no folder above is known or one vanished meanwhile (the caller then
   * takes the checked, recursive way).
   */
  private async createBelowKnown(dir: string): Promise<boolean> {
    const missing: string[] = [];
    let known = dir;
    while (!this.known.has(known)) {
      if (known === this.root || !this.inside(known)) return false;
      missing.unshift(known);
      known = dirname(known);
    }
    for (const [i, level] of missing.entries()) {
      // Two writes into one new key (its records/ and tags/) make its folder once, not race.
      const inflight = this.making.get(level);
      const making =
        inflight ??
        fs.mkdir(level).then(
          () => 'made' as const,
          (error: unknown) => {
            if (codeOf(error) === 'EEXIST') return 'existed' as const;
            if (codeOf(error) === 'ENOENT') return 'vanished' as const;
            throw error;
          },
        );
      if (inflight === undefined) {
        this.making.set(level, making);
        void making.then(
          () => this.making.delete(level),
          () => this.making.delete(level),
        );
      }
      const outcome = await making;
      if (outcome === 'vanished') {
        this.forget(dirname(level));
        return false;
      }
      // Something already there that the next level would be created through may be a planted
      // link: check it before creating anything inside it.
      if (outcome === 'existed' && i < missing.length - 1) await this.beforeCreate(level);
    }
    return true;
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
