import type { DataItem } from '../../data/data-item';
import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Pack } from '../../decorators/pack.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import { PackingError } from '../../errors/packing.error';
import { isWellFormed } from '../../serialization/well-formed-strings';
import type { Instructions } from '../../types';
import type { PackOutput, UnpackContext } from '../pack-context';
import { fileArtifact } from './builtin-io';
import { LocalPath } from '../../values/local-path';
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

  /**
   * A UTF-8 text file; a string that is not well-formed Unicode (a lone surrogate) is refused,
   * since UTF-8 cannot hold it and would give back U+FFFD in its place.
   *
   * @throws PackingError (`FORMAT_NOT_EXACT`) for a string with a lone surrogate.
   */
  @Pack('file')
  packFile(value: string, key: string): PackOutput {
    const at = loneSurrogateAt(value);
    if (at >= 0) {
      throw new PackingError(
        `Cannot write the string "${key}" as UTF-8 text: it has a lone surrogate at index ${at}.`,
        {
          code: 'FORMAT_NOT_EXACT',
          details: {
            format: 'txt',
            path: '$',
            reason: `a lone surrogate at index ${at}`,
            index: at,
          },
          fix: 'Log it with the artifact type "object" (keeps every UTF-16 code unit), or make it well-formed first (value.toWellFormed() replaces lone surrogates with U+FFFD).',
        },
      );
    }
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

/** The index of the first lone surrogate in `s`, or -1 when it is well-formed Unicode. */
function loneSurrogateAt(s: string): number {
  return isWellFormed(s) ? -1 : s.search(/\p{Surrogate}/u);
}
