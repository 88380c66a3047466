import { constants } from 'node:fs';
import { lstat, mkdir, open, type FileHandle } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { ArchiveError } from '../errors/archive.error';
import type { LimitCounter } from './archive-limits';
import { safeEntryPath } from './safe-entry';

const CREATE_NEW =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

function conflict(where: string, entry: string, cause: unknown): ArchiveError {
  return new ArchiveError(
    `The archive ${where} has an entry "${entry}" whose path is already taken by an earlier entry.`,
    {
      code: 'ARCHIVE_DUPLICATE_ENTRY',
      cause,
      details: { where, entry },
      fix: 'The archive is damaged or crafted; it was not extracted. Re-create it from a plain folder.',
    },
  );
}

/**
 * Creates the files and folders of an archive under a private root, never through a link.
 *
 * @remarks
 * Only plain folders and files are ever created (no links), each file with
 * `O_CREAT | O_EXCL | O_NOFOLLOW`: a path already taken (two entries with one name, a file
 * where a folder is, names equal on a case-insensitive disk) is refused, never overwritten.
 * Every entry is counted against the limits before anything is created. @internal
 */
export class SafeTree {
  private readonly made = new Set<string>(['.']);
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | undefined;

  constructor(
    private readonly root: string,
    private readonly where: string,
    private readonly counter: LimitCounter,
  ) {}

  /** Creates the folder entry `name` (and its parents). */
  async dir(name: string): Promise<void> {
    this.counter.entry();
    const rel = this.relative(name);
    await this.ensureDir(rel, name);
  }

  /** Creates the file entry `name`, empty and new, and returns it open for writing. */
  async file(name: string, executable = false): Promise<FileHandle> {
    this.counter.entry();
    const rel = this.relative(name);
    await this.ensureDir(posix.dirname(rel), name);
    try {
      return await open(join(this.root, rel), CREATE_NEW, executable ? 0o755 : 0o644);
    } catch (e) {
      if (isCode(e, 'EEXIST', 'EISDIR', 'ENOTDIR', 'ELOOP')) throw conflict(this.where, name, e);
      throw e;
    }
  }

  /**
   * Writes a small file whose content is in memory, a few at a time: the entry is counted now,
   * the file is created in the background (at most 16 in flight). Call {@link SafeTree.settle}
   * before relying on the files.
   */
  async writeSmall(name: string, data: Buffer, executable: boolean): Promise<void> {
    this.rethrow();
    const opening = this.file(name, executable);
    const task = (async () => {
      const fh = await opening;
      try {
        await writeAll(fh, data);
      } finally {
        await fh.close();
      }
    })().catch((e: unknown) => {
      this.failure ??= e instanceof Error ? e : new Error(String(e));
    });
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
    if (this.inFlight.size >= 16) await Promise.race(this.inFlight);
    this.rethrow();
  }

  /** Waits for the small files in flight; throws the first failure among them. */
  async settle(): Promise<void> {
    await Promise.all(this.inFlight);
    this.rethrow();
  }

  private rethrow(): void {
    const failure = this.failure;
    if (failure !== undefined) throw failure;
  }

  /** Waits for the small files in flight, ignoring their failures (before cleaning up). */
  async quiesce(): Promise<void> {
    await Promise.allSettled(this.inFlight);
  }

  private relative(name: string): string {
    const full = safeEntryPath(this.root, name, this.where);
    const rel = posix.relative(this.root, full);
    return rel === '' ? '.' : rel;
  }

  private async ensureDir(rel: string, entry: string): Promise<void> {
    if (this.made.has(rel)) return;
    await this.ensureDir(posix.dirname(rel), entry);
    try {
      await mkdir(join(this.root, rel));
    } catch (e) {
      if (!isCode(e, 'EEXIST', 'ENOTDIR')) throw e;
      const info = await lstat(join(this.root, rel)).catch(() => undefined);
      if (info?.isDirectory() !== true) throw conflict(this.where, entry, e);
    }
    this.made.add(rel);
  }
}

/** Writes all of `chunk` at the handle's position. @internal */
export async function writeAll(fh: FileHandle, chunk: Uint8Array): Promise<void> {
  let done = 0;
  while (done < chunk.length) {
    const { bytesWritten } = await fh.write(chunk, done, chunk.length - done);
    done += bytesWritten;
  }
}

function isCode(e: unknown, ...codes: string[]): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && codes.includes(code);
}
