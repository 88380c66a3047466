import type { DataItem } from '../../data/data-item';
import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Pack } from '../../decorators/pack.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import type { Instructions } from '../../types';
import type { PackOutput } from '../pack-context';
import { fileArtifact } from './builtin-io';

/**
 * Packs `Uint8Array`s and `Buffer`s as binary `.bin` files (the bytes are handed to the store
 * without a copy; reading gives the stored bytes back as the same class).
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
  async unpackFile(item: DataItem, instructions: Instructions): Promise<Uint8Array> {
    const bytes = await item.get();
    return instructions['kind'] === 'Uint8Array'
      ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      : bytes;
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
