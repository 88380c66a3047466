import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Temporary directories made for one pack or unpack, removed together. @internal */
export class TempDirs {
  #dirs: string[] | undefined;

  /** Whether any directory was made. */
  get isEmpty(): boolean {
    return this.#dirs === undefined || this.#dirs.length === 0;
  }

  /** A fresh, empty directory under the OS temp dir. */
  async create(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'stowage-'));
    (this.#dirs ??= []).push(dir);
    return dir;
  }

  /** Removes every directory made so far (missing ones are fine); never throws. */
  async removeAll(): Promise<void> {
    const dirs = this.#dirs;
    if (dirs === undefined || dirs.length === 0) return;
    this.#dirs = [];
    await Promise.all(
      dirs.map((dir) => rm(dir, { recursive: true, force: true }).catch(() => undefined)),
    );
  }
}
