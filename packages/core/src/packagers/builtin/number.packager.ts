import type { DataItem } from '../../data/data-item';
import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Pack } from '../../decorators/pack.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import type { PackOutput } from '../pack-context';
import { ScalarPackagerBase } from './scalar-packagers';

/**
 * Packs number values as a `result` (default) or a one-line text `file`.
 *
 * @remarks
 * The file holds exact text (see `docs/builtin-packagers.md`); the `object` artifact type is
 * served by the object fallback.
 */
@BuiltinPackager({
  type: Number,
  name: 'stowage.number',
  defaultPackingArtifactType: 'result',
  defaultUnpackingArtifactType: 'file',
})
export class NumberPackager extends ScalarPackagerBase {
  protected readonly kind = 'number';

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
