import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TempDirMaker } from '../data/download';
import { TEMP_DIR_PREFIX } from '../temp/temp-scope';

/**
 * Temporary directories made for one pack or unpack, removed together (and reusable after).
 * @internal
 */
export class TempDirs implements TempDirMaker {
  #dirs: string[] | undefined;

  /** Whether any directory was made. */
  get isEmpty(): boolean {
    return this.#dirs === undefined || this.#dirs.length === 0;
  }

  /** A fresh, empty directory under the OS temp dir. */
  create(): Promise<string> {
    return this.dir();
  }

  /** A fresh, empty directory `os.tmpdir()/stowage-<label>-XXXXXX` (no label: `stowage-XXXXXX`). */
  async dir(label?: string): Promise<string> {
    const safe = label === undefined ? '' : `${label.replace(/[^a-z0-9-]/gi, '-').slice(0, 40)}-`;
    const dir = await mkdtemp(join(tmpdir(), `${TEMP_DIR_PREFIX}${safe}`));
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
