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
import { Option } from '../../decorators/option.decorator';
import { isArrayRecord, packArrayRecord, unpackArrayRecord } from './typed-array-io';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Packing options of a record as a `file`. */
export class RecordOnlyFileOptions {
  /**
   * `auto` (default): `npz` for a record of typed arrays, else `json`; or `json`, `jsonl` (one
   * line holding the record), `yaml`, `npz`.
   */
  @Option({ allowed: ['auto', 'json', 'jsonl', 'yaml', 'npz'], description: 'File format' })
  format = 'auto';
}

/**
 * Packs plain records (`{...}` objects): a `result` when small and JSON-exact, else a `file`
 * (json, jsonl, yaml, or `.npz` for a record of typed arrays); records JSON cannot hold exactly go to
 * `object` by default.
 *
 * @remarks
 * Only exact `Object` instances: class instances go to the object fallback. Bundles a dict of
 * inputs into a record (a list into `{ "0": …, "1": … }`); `*key` logs one output per entry.
 * Reading a file: a record gives itself, a JSON-lines file of one record gives that record,
 * anything else is refused (`UNPACKING_TYPE_MISMATCH`).
 */
@BuiltinPackager({
  type: Object,
  name: 'stowage.record',
  defaultPackingArtifactType: (v: Record<string, unknown>) =>
    isArrayRecord(v) ? 'file' : defaultCollectionArtifactType(v),
  defaultUnpackingArtifactType: 'file',
  bundleFromList: true,
  bundleFromDict: true,
})
export class RecordPackager {
  @Pack('result')
  packResult(value: Record<string, unknown>): PackOutput {
    return { result: value };
  }

  @Pack('file', { options: RecordOnlyFileOptions })
  packFile(
    value: Record<string, unknown>,
    key: string,
    options: RecordOnlyFileOptions,
  ): PackOutput {
    const format =
      options.format === 'auto' ? (isArrayRecord(value) ? 'npz' : 'json') : options.format;
    if (format === 'npz') return packArrayRecord(value, key);
    if (format === 'jsonl') return packStructuredFile([value], key, 'jsonl');
    return packStructuredFile(value, key, format as StructuredFormat);
  }

  @Unpack('file')
  async unpackFile(item: DataItem, instructions: Instructions): Promise<Record<string, unknown>> {
    if (
      (instructions['format'] ?? item.meta?.format) === 'npz' ||
      (item.meta?.fileName ?? item.key).endsWith('.npz')
    ) {
      return unpackArrayRecord(item, instructions);
    }
    const { value, format } = await unpackStructuredFile(item, instructions);
    if (isRecord(value)) return value;
    // a JSON-lines file of one object (as other tools write a single record) is that record
    if (format === 'jsonl' && Array.isArray(value) && value.length === 1 && isRecord(value[0]))
      return value[0];
    throw notOfShape(item.key, value, 'a record');
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
