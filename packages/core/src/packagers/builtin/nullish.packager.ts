import type { DataItem } from '../../data/data-item';
import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Pack } from '../../decorators/pack.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import { Nullish } from '../../types';
import type { PackOutput } from '../pack-context';
import { ScalarPackagerBase } from './scalar-packagers';

/**
 * Packs `null` and `undefined` as a `result` (default) or a one-line text `file`.
 *
 * @remarks
 * The file holds exact text (see `docs/builtin-packagers.md`); the `object` artifact type is
 * served by the object fallback.
 */
@BuiltinPackager({
  type: Nullish,
  name: 'stowage.nullish',
  defaultPackingArtifactType: 'result',
  defaultUnpackingArtifactType: 'file',
})
export class NullishPackager extends ScalarPackagerBase {
  protected readonly kind = 'nullish';

  @Pack('result')
  override packResult(value: unknown): PackOutput {
    return super.packResult(value);
  }

  @Pack('file')
  override packFile(value: unknown, key: string): PackOutput {
    return super.packFile(value, key);
  }

  @Unpack('file')
  override unpackFile(item: DataItem): Promise<unknown> {
    return super.unpackFile(item);
  }
}
