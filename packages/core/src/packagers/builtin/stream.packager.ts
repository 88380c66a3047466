import { Readable } from 'node:stream';
import type { DataItem } from '../../data/data-item';
import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Pack } from '../../decorators/pack.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import type { PackOutput } from '../pack-context';
import { fileArtifact } from './builtin-io';

/**
 * Packs Node `Readable` streams as a `file` without holding the content in memory: the stream
 * itself is the artifact body; unpacking gives a stream of the stored bytes.
 *
 * @remarks
 * For an async iterable of chunks (an async generator), wrap it: `Readable.from(chunks)`.
 * The stream is consumed by packing.
 */
@BuiltinPackager({
  type: Readable,
  name: 'stowage.stream',
  packSubclasses: true,
  defaultPackingArtifactType: 'file',
  defaultUnpackingArtifactType: 'file',
})
export class StreamPackager {
  @Pack('file')
  packFile(value: Readable, key: string): PackOutput {
    return { artifact: fileArtifact(key, value, 'bin'), instructions: { format: 'bin' } };
  }

  @Unpack('file')
  unpackFile(item: DataItem): Promise<Readable> {
    return item.stream();
  }
}
