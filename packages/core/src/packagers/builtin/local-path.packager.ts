import type { DataItem } from '../../data/data-item';
import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Pack } from '../../decorators/pack.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import type { Instructions } from '../../types';
import type { PackOutput, UnpackContext } from '../pack-context';
import { LocalPath } from '../../values/local-path';
import { packLocalPath, PathOptions, unpackLocalPath } from './path-io';

/**
 * Packs {@link LocalPath} values as `path` artifacts: a file as is, a folder as a zip (default),
 * tar or tar.gz archive streamed to the store; unpacking extracts safely and returns a LocalPath.
 */
@BuiltinPackager({
  type: LocalPath,
  name: 'stowage.local-path',
  defaultPackingArtifactType: 'path',
  defaultUnpackingArtifactType: 'path',
})
export class LocalPathPackager {
  @Pack('path', { options: PathOptions })
  packPath(value: LocalPath, key: string, options: PathOptions): Promise<PackOutput> {
    return packLocalPath(value.path, key, options);
  }

  @Pack('result')
  packResult(value: LocalPath): PackOutput {
    return { result: value };
  }

  @Unpack('path')
  async unpackPath(
    item: DataItem,
    instructions: Instructions,
    ctx: UnpackContext,
  ): Promise<LocalPath> {
    return new LocalPath(await unpackLocalPath(item, instructions, ctx));
  }
}

/** Packs `file:` URLs as `path` artifacts, like {@link LocalPathPackager}; unpacks to a `file:` URL. */
@BuiltinPackager({
  type: URL,
  name: 'stowage.url',
  defaultPackingArtifactType: 'path',
  defaultUnpackingArtifactType: 'path',
})
export class UrlPackager {
  @Pack('path', { options: PathOptions })
  packPath(value: URL, key: string, options: PathOptions): Promise<PackOutput> {
    return packLocalPath(LocalPath.toPath(value), key, options);
  }

  @Pack('result')
  packResult(value: URL): PackOutput {
    return { result: value };
  }

  @Unpack('path')
  async unpackPath(item: DataItem, instructions: Instructions, ctx: UnpackContext): Promise<URL> {
    const { pathToFileURL } = await import('node:url');
    return pathToFileURL(await unpackLocalPath(item, instructions, ctx));
  }
}
