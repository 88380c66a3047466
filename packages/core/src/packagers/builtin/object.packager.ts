import type { DataItem } from '../../data/data-item';
import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Option } from '../../decorators/option.decorator';
import { Pack } from '../../decorators/pack.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import { ClassRegistry } from '../../serialization/class-registry';
import { ObjectSerializer } from '../../serialization/object-serializer';
import type { ObjectRuntimeRecord } from '../../serialization/serialization-runtime';
import type { Instructions } from '../../types';
import type { PackContext, PackOutput, UnpackContext } from '../pack-context';
import { fileArtifact } from './builtin-io';

/** Packing options of the `object` fallback. */
export class ObjectOptions {
  /** Refuse (instead of warning about) instances of unregistered classes. */
  @Option({ description: 'Fail on unregistered classes' })
  strict = false;
}

/**
 * The always-available fallback: stores any value with the safe object serializer (artifact
 * type `object`, a `.cbor` file) and reads it back.
 *
 * @remarks
 * Uses the manager's {@link ClassRegistry} from the context when there is one, else its own
 * (which sees `@Serializable` classes). See `docs/object-fallback.md` for what is kept and the
 * security model.
 */
@BuiltinPackager({
  type: Object,
  name: 'stowage.object',
  packSubclasses: true,
  defaultPackingArtifactType: 'object',
  defaultUnpackingArtifactType: 'object',
})
export class ObjectPackager {
  private readonly ownRegistry = new ClassRegistry();

  @Pack('object', { options: ObjectOptions })
  packObject(value: unknown, key: string, options: ObjectOptions, ctx: PackContext): PackOutput {
    const serializer = new ObjectSerializer({
      registry: ctx.classes ?? this.ownRegistry,
      strict: options.strict === true,
    });
    const { bytes, runtime } = serializer.encode(value, (m) => ctx.warn(m));
    return {
      artifact: fileArtifact(key, bytes, 'cbor', 'cbor'),
      instructions: { ...runtime, strict: options.strict === true },
    };
  }

  @Unpack('object')
  async unpackObject(
    item: DataItem,
    instructions: Instructions,
    ctx: UnpackContext,
  ): Promise<unknown> {
    const serializer = new ObjectSerializer({
      registry: ctx.classes ?? this.ownRegistry,
      strict: instructions['strict'] === true,
    });
    const runtime = instructions as Partial<ObjectRuntimeRecord>;
    // the bytes were read for this call only, so typed arrays may be views into them
    return serializer.decode(await item.get(), runtime, (m) => ctx.warn(m), { shareBuffer: true });
  }
}
