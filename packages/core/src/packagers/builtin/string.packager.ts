import type { DataItem } from '../../data/data-item';
import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Pack } from '../../decorators/pack.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import type { Instructions } from '../../types';
import type { PackOutput, UnpackContext } from '../pack-context';
import { fileArtifact } from './builtin-io';
import { LocalPath } from '../../data/local-path';
import { packLocalPath, PathOptions, unpackLocalPath } from './path-io';

/**
 * Packs strings as a `result` (default; a `file://` string defaults to `path`), a UTF-8 text
 * `file`, or a `path` (the string names a local file or folder).
 *
 * @remarks
 * As an input hinted `string`: a `file` artifact gives its text; a `path` artifact (and an item
 * with no packaging record, as in MLRun) gives a local path to the (extracted) content.
 */
@BuiltinPackager({
  type: String,
  name: 'stowage.string',
  defaultPackingArtifactType: (s: string) => (s.startsWith('file://') ? 'path' : 'result'),
  defaultUnpackingArtifactType: 'path',
})
export class StringPackager {
  @Pack('result')
  packResult(value: string): PackOutput {
    return { result: value };
  }

  @Pack('file')
  packFile(value: string, key: string): PackOutput {
    return {
      artifact: fileArtifact(key, Buffer.from(value, 'utf8'), 'txt'),
      instructions: { format: 'txt', encoding: 'utf8' },
    };
  }

  @Pack('path', { options: PathOptions })
  packPath(value: string, key: string, options: PathOptions): Promise<PackOutput> {
    return packLocalPath(LocalPath.toPath(value), key, options);
  }

  @Unpack('file')
  unpackFile(item: DataItem): Promise<string> {
    return item.getText('utf8');
  }

  @Unpack('path')
  unpackPath(item: DataItem, instructions: Instructions, ctx: UnpackContext): Promise<string> {
    return unpackLocalPath(item, instructions, ctx);
  }
}
