import { BuiltinPackager } from '../../decorators/packager.decorator';
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
}
