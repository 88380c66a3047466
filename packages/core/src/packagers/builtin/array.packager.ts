import type { DataItem } from '../../data/data-item';
import { Bundle } from '../../decorators/bundle.decorator';
import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Pack } from '../../decorators/pack.decorator';
import { Unbundle } from '../../decorators/unbundle.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import type { StructuredFormat } from '../../formats/structured-format';
import type { Instructions } from '../../types';
import type { PackOutput } from '../pack-context';
import {
  defaultCollectionArtifactType,
  notOfShape,
  packStructuredFile,
  unpackStructuredFile,
} from './collection-io';
import { packDataset, unpackDataset } from './dataset-io';
import { DatasetOptions, ListFileOptions } from './structured-file.options';

/**
 * Packs arrays: a `result` when small and JSON-exact, else a `file` (json, jsonl, yaml, csv);
 * values JSON cannot hold exactly go to `object` by default.
 *
 * @remarks
 * An array of records or of scalars can also be a `dataset` (`rows : dataset`): a
 * `DatasetArtifact` stored as CSV (default) or JSON lines, whose record holds the schema, the
 * row count and the first rows.
 * Bundles a list (or the values of a dict) of inputs into an array; `*key` logs one output per
 * element. A file that holds anything but a list is refused (`UNPACKING_TYPE_MISMATCH`).
 */
@BuiltinPackager({
  type: Array,
  name: 'stowage.array',
  defaultPackingArtifactType: defaultCollectionArtifactType,
  defaultUnpackingArtifactType: 'file',
  bundleFromList: true,
  bundleFromDict: true,
})
export class ArrayPackager {
  @Pack('result')
  packResult(value: unknown[]): PackOutput {
    return { result: value };
  }

  @Pack('file', { options: ListFileOptions })
  packFile(value: unknown[], key: string, options: ListFileOptions): PackOutput {
    return packStructuredFile(value, key, options.format as StructuredFormat);
  }

  @Unpack('file')
  async unpackFile(item: DataItem, instructions: Instructions): Promise<unknown[]> {
    const { value } = await unpackStructuredFile(item, instructions);
    if (Array.isArray(value)) return value as unknown[];
    throw notOfShape(item.key, value, 'an array');
  }

  @Pack('dataset', { options: DatasetOptions })
  packDataset(value: unknown[], key: string, options: DatasetOptions): PackOutput {
    return packDataset(value, key, options);
  }

  @Unpack('dataset')
  unpackDataset(item: DataItem, instructions: Instructions): Promise<unknown[]> {
    return unpackDataset(item, instructions);
  }

  @Bundle()
  bundle(collection: unknown[] | Record<string, unknown>): unknown[] {
    return Array.isArray(collection) ? [...collection] : Object.values(collection);
  }

  @Unbundle()
  unbundle(value: unknown[]): unknown[] {
    return [...value];
  }
}
