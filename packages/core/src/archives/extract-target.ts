import { lstat, mkdir, mkdtemp, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ArchiveError } from '../errors/archive.error';

/**
 * Runs `work` on a fresh private folder next to `target` and moves it to `target` only when
 * `work` succeeds; on failure the folder is removed, so `target` never holds a partial tree.
 *
 * @remarks
 * The folder is made by `mkdtemp` (mode 0700) in `target`'s parent, so nothing but this process
 * can put a link into it while it is filled. `scratch` is a private folder beside it for the
 * extractor's own files (a spooled zip). `target` must not exist or be an empty folder.
 *
 * @throws ArchiveError (`ARCHIVE_TARGET_EXISTS`) when `target` is a file or a non-empty folder.
 */
export async function intoFreshFolder(
  target: string,
  work: (root: string, scratch: string) => Promise<void>,
): Promise<void> {
  const full = resolve(target);
  const parent = dirname(full);
  await mkdir(parent, { recursive: true });
  await checkTargetFree(full);
  const privateDir = await mkdtemp(join(parent, `.${basename(full)}.stowage-`));
  const root = join(privateDir, 'root');
  const scratch = join(privateDir, 'scratch');
  try {
    await mkdir(root);
    await mkdir(scratch);
    await work(root, scratch);
    await checkTargetFree(full);
    await rmdir(full).catch(() => undefined);
    await rename(root, full);
  } finally {
    await rm(privateDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function checkTargetFree(target: string): Promise<void> {
  const info = await lstat(target).catch(() => undefined);
  if (info === undefined) return;
  if (info.isDirectory() && (await readdir(target)).length === 0) return;
  throw new ArchiveError(`Cannot extract into ${target}: it exists and is not an empty folder.`, {
    code: 'ARCHIVE_TARGET_EXISTS',
    details: { target },
    fix: 'Extract into a new path (or remove the existing one first).',
  });
}
