import { BuiltinPackager } from '../../decorators/packager.decorator';
import { ScalarPackagerBase } from './scalar-packagers';

/**
 * Packs Dates (invalid ones included) as a `result` (default) or a one-line text `file`.
 *
 * @remarks
 * The file holds exact text (see `docs/builtin-packagers.md`); the `object` artifact type is
 * served by the object fallback.
 */
@BuiltinPackager({
  type: Date,
  name: 'stowage.date',
  defaultPackingArtifactType: 'result',
  defaultUnpackingArtifactType: 'file',
})
export class DatePackager extends ScalarPackagerBase {
  protected readonly kind = 'date';
}
