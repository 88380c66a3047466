import type { DataItem } from '../../data/data-item';
import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Pack } from '../../decorators/pack.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import type { Instructions } from '../../types';
import { UnpackingError } from '../../errors/unpacking.error';
import { decodeNpy } from '../../formats/npy.format';
import { ancestorsOf } from '../../registry/type-token';
import type { PackOutput, UnpackContext } from '../pack-context';
import { fileArtifact, recordedFormat } from './builtin-io';

/** A plain `Uint8Array` view of the same bytes (a Buffer is a subclass). */
function plainBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The values of a `.npy` file of bytes (`u1` or `b1`); other dtypes are refused. */
function npyBytes(bytes: Uint8Array, where: string): Uint8Array {
  const { data, dtype } = decodeNpy(bytes, where);
  if (data.constructor === Uint8Array) return data;
  throw new UnpackingError(
    `The .npy file ${where} holds ${dtype} values (a ${data.constructor.name}), not bytes.`,
    {
      code: 'UNPACKING_TYPE_MISMATCH',
      details: { where, dtype, arrayType: data.constructor.name },
      fix: `Read it as ${data.constructor.name}.`,
    },
  );
}

/**
 * Packs `Uint8Array`s and `Buffer`s as binary `.bin` files (the bytes are handed to the store
 * without a copy; reading gives the stored bytes back as the same class).
 *
 * @remarks
 * A file it did not write gives a `Uint8Array` (a `Buffer` when the hint is `Buffer`): its bytes,
 * or the values of a `u1`/`b1` numpy `.npy` file (other dtypes are refused).
 */
@BuiltinPackager({
  type: Uint8Array,
  name: 'stowage.bytes',
  packSubclasses: true,
  defaultPackingArtifactType: 'file',
  defaultUnpackingArtifactType: 'file',
})
export class BytesPackager {
  @Pack('file')
  packFile(value: Uint8Array, key: string): PackOutput {
    const kind = Buffer.isBuffer(value) ? 'Buffer' : 'Uint8Array';
    return { artifact: fileArtifact(key, value, 'bin'), instructions: { format: 'bin', kind } };
  }

  @Unpack('file')
  async unpackFile(
    item: DataItem,
    instructions: Instructions,
    ctx: UnpackContext,
  ): Promise<Uint8Array> {
    const bytes = await item.get();
    const kind = instructions['kind'];
    if (kind === 'Buffer') return bytes;
    if (kind === 'Uint8Array') return plainBytes(bytes);
    // not written by this packager: a numpy .npy gives its values, any other file its bytes
    const data = recordedFormat(item, instructions) === 'npy' ? npyBytes(bytes, item.key) : bytes;
    const wantsBuffer = ctx.typeHint !== undefined && ancestorsOf(ctx.typeHint).includes(Buffer);
    return wantsBuffer
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : plainBytes(data);
  }
}

/** Packs `ArrayBuffer`s as binary `.bin` files (viewed, not copied, when packing). */
@BuiltinPackager({
  type: ArrayBuffer,
  name: 'stowage.array-buffer',
  defaultPackingArtifactType: 'file',
  defaultUnpackingArtifactType: 'file',
})
export class ArrayBufferPackager {
  @Pack('file')
  packFile(value: ArrayBuffer, key: string): PackOutput {
    return {
      artifact: fileArtifact(key, new Uint8Array(value), 'bin'),
      instructions: { format: 'bin' },
    };
  }

  @Unpack('file')
  async unpackFile(item: DataItem): Promise<ArrayBuffer> {
    const bytes = await item.get();
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? (bytes.buffer as ArrayBuffer)
      : new Uint8Array(bytes).buffer;
  }
}
