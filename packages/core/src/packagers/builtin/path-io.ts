import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Artifact } from '../../artifacts/artifact';
import { Option } from '../../decorators/option.decorator';
import { archiveFormatOf, type ArchiveFormat } from '../../archives/archive-format';
import { archiveDirectory, extractArchive } from '../../archives/directory-archive';
import type { DataItem } from '../../data/data-item';
import { PackingError } from '../../errors/packing.error';
import type { Instructions } from '../../types';
import type { PackOutput, UnpackContext } from '../pack-context';

/** Packing options of a `path` artifact. */
export class PathOptions {
  /** How a folder is archived: `zip` (default), `tar` or `tar.gz`. */
  @Option({ allowed: ['zip', 'tar', 'tar.gz'], description: 'Archive format for folders' })
  archiveFormat = 'zip';
}

/**
 * Packs a local file (copied by the store from its path) or folder (archived as a stream, never
 * staged on disk) as a `path` artifact.
 *
 * @throws PackingError (`PATH_NOT_FOUND`) when nothing is at the path; ArchiveError for a
 * symlink leaving the folder. @internal
 */
export async function packLocalPath(
  path: string,
  key: string,
  options: PathOptions,
): Promise<PackOutput> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || (!info.isFile() && !info.isDirectory())) {
    throw new PackingError(
      `Cannot log ${key} as a path: ${path} is not an existing file or folder.`,
      {
        code: 'PATH_NOT_FOUND',
        details: { key, path },
        fix: 'Check the path (relative paths are resolved from the working directory).',
      },
    );
  }
  const name = basename(path);
  if (info.isFile()) {
    return {
      artifact: new Artifact({ key, body: { path }, fileName: name }),
      instructions: { isDirectory: false, name },
    };
  }
  const format = options.archiveFormat as ArchiveFormat;
  const archive = await archiveDirectory(path, format);
  return {
    artifact: new Artifact({ key, body: archive.body, fileName: `${name}.${format}`, format }),
    instructions: {
      isDirectory: true,
      archiveFormat: format,
      name,
      entryCount: archive.entryCount,
    },
  };
}

/**
 * The local path of a `path` artifact: the (downloaded) file, or the folder extracted safely
 * into a temporary directory the manager removes later. @internal
 */
export async function unpackLocalPath(
  item: DataItem,
  instructions: Instructions,
  ctx: UnpackContext,
): Promise<string> {
  const fileName = item.meta?.fileName ?? item.key;
  const isDirectory = instructions['isDirectory'] ?? /\.(zip|tar|tar\.gz|tgz)$/i.test(fileName);
  if (isDirectory !== true) return item.local();
  const format = archiveFormatOf(instructions['archiveFormat'], fileName);
  const rawName = typeof instructions['name'] === 'string' ? instructions['name'] : 'data';
  const name =
    /^[^/\\\0]+$/.test(rawName) && rawName !== '.' && rawName !== '..' ? rawName : 'data';
  const target = join(await ctx.tempDir(), name);
  await extractArchive(await item.stream(), target, format, { where: item.key });
  return target;
}
