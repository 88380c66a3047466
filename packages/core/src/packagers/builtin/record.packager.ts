import type { DataItem } from '../../data/data-item';
import { Bundle } from '../../decorators/bundle.decorator';
import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Pack } from '../../decorators/pack.decorator';
import { Unbundle } from '../../decorators/unbundle.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import type { StructuredFormat } from '../../formats/structured-format';
import type { Instructions } from '../../types';
import type { PackOutput } from '../pack-context';
import { defaultCollectionArtifactType, packStructuredFile, unpackStructuredFile } from './collection-io';
import { RecordFileOptions } from './structured-file.options';

/**
 * Packs plain records (`{...}` objects): a `result` when small and JSON-exact, else a `file`
 * (json, yaml); records JSON cannot hold exactly go to `object` by default.
 *
 * @remarks
 * Only exact `Object` instances: class instances go to the object fallback. Bundles a dict of
 * inputs into a record (a list into `{ "0": …, "1": … }`); `*key` logs one output per entry.
 */
@BuiltinPackager({
  type: Object,
  name: 'stowage.record',
  defaultPackingArtifactType: defaultCollectionArtifactType,
  defaultUnpackingArtifactType: 'file',
  bundleFromList: true,
  bundleFromDict: true,
})
export class RecordPackager {
  @Pack('result')
  packResult(value: Record<string, unknown>): PackOutput {
    return { result: value };
  }

  @Pack('file', { options: RecordFileOptions })
  packFile(value: Record<string, unknown>, key: string, options: RecordFileOptions): PackOutput {
    return packStructuredFile(value, key, options.format as StructuredFormat);
  }

  @Unpack('file')
  async unpackFile(item: DataItem, instructions: Instructions): Promise<Record<string, unknown>> {
    const value = await unpackStructuredFile(item, instructions);
    if (Array.isArray(value)) return { ...value };
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : { value };
  }

  @Bundle()
  bundle(collection: unknown[] | Record<string, unknown>): Record<string, unknown> {
    return { ...collection };
  }

  @Unbundle()
  unbundle(value: Record<string, unknown>): Record<string, unknown> {
    return { ...value };
  }
}
