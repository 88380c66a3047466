import { BuiltinPackager } from '../../decorators/packager.decorator';
import type { PackableType } from '../../types';
import { ScalarPackagerBase } from './scalar-packagers';

/**
 * Packs bigints as a `result` (default) or a one-line text `file`.
 *
 * @remarks
 * The file holds exact text (see `docs/builtin-packagers.md`); the `object` artifact type is
 * served by the object fallback.
 */
@BuiltinPackager({
  type: BigInt as unknown as PackableType,
  name: 'stowage.bigint',
  defaultPackingArtifactType: 'result',
  defaultUnpackingArtifactType: 'file',
})
export class BigIntPackager extends ScalarPackagerBase {
  protected readonly kind = 'bigint';
}
