import { randomBytes } from 'node:crypto';
import { promises as nodeFs } from 'node:fs';
import { dirname } from 'node:path';

/** The part of a file handle {@link writeFileAtomic} uses. @internal */
export interface AtomicWriteHandle {
  writeFile(data: string, encoding: 'utf8'): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file system calls {@link writeFileAtomic} makes (Node's `fs.promises`; tests spy on it). @internal */
export interface AtomicWriteFs {
  open(path: string, flags: string, mode?: number): Promise<AtomicWriteHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

/**
 * Writes `text` to `path` durably and atomically: a new temporary file beside it (`O_EXCL`),
 * fsynced, renamed over `path`, then the folder fsynced, so readers never see half a file and a
 * write that returned survives a power loss, its name included.
 *
 * @remarks
 * The folder is not fsynced on Windows, where Node cannot open one. On failure the temporary
 * file is removed and the error is rethrown.
 * @internal
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  fs: AtomicWriteFs = nodeFs,
): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await fs.open(temp, 'wx', 0o666);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path), fs);
}

async function syncFolder(dir: string, fs: AtomicWriteFs): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
