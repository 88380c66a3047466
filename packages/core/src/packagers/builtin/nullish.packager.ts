import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Nullish } from '../../types';
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
}
