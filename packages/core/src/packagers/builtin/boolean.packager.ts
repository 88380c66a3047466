import { BuiltinPackager } from '../../decorators/packager.decorator';
import { ScalarPackagerBase } from './scalar-packagers';

/**
 * Packs booleans as a `result` (default) or a one-line text `file`.
 *
 * @remarks
 * The file holds exact text (see `docs/builtin-packagers.md`); the `object` artifact type is
 * served by the object fallback.
 */
@BuiltinPackager({
  type: Boolean,
  name: 'stowage.boolean',
  defaultPackingArtifactType: 'result',
  defaultUnpackingArtifactType: 'file',
})
export class BooleanPackager extends ScalarPackagerBase {
  protected readonly kind = 'boolean';
}
