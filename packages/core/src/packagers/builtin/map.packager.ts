import type { DataItem } from '../../data/data-item';
import { Bundle } from '../../decorators/bundle.decorator';
import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Pack } from '../../decorators/pack.decorator';
import { Unbundle } from '../../decorators/unbundle.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import { UnbundlingError } from '../../errors/unbundling.error';
import { UnpackingError } from '../../errors/unpacking.error';
import { findJsonProblem } from '../../formats/json-exact';
import type { StructuredFormat } from '../../formats/structured-format';
import type { Instructions } from '../../types';
import type { PackOutput } from '../pack-context';
import { packStructuredFile, unpackStructuredFile } from './collection-io';
import { RecordFileOptions } from './structured-file.options';
import { defineOwn } from '../../objects';

/**
 * Packs Maps: a `file` (json, jsonl or yaml) holding the entries as `[[key, value], …]`, so key types
 * and order survive; a `result` holds the Map itself (the run record encodes it).
 *
 * @remarks
 * The default is `file` when keys and values are JSON-exact, else `object`. Bundles a dict of
 * inputs into a Map; `*key` logs one output per entry (string keys only).
 */
@BuiltinPackager({
  type: Map,
  name: 'stowage.map',
  defaultPackingArtifactType: (m: Map<unknown, unknown>) =>
    findJsonProblem([...m]) === undefined ? 'file' : 'object',
  defaultUnpackingArtifactType: 'file',
  bundleFromDict: true,
  bundleFromList: true,
})
export class MapPackager {
  @Pack('result')
  packResult(value: Map<unknown, unknown>): PackOutput {
    return { result: value };
  }

  @Pack('file', { options: RecordFileOptions })
  packFile(value: Map<unknown, unknown>, key: string, options: RecordFileOptions): PackOutput {
    return packStructuredFile([...value], key, options.format as StructuredFormat, {
      collection: 'map',
    });
  }

  @Unpack('file')
  async unpackFile(item: DataItem, instructions: Instructions): Promise<Map<unknown, unknown>> {
    const { value } = await unpackStructuredFile(item, instructions);
    if (Array.isArray(value) && value.every((e) => Array.isArray(e) && e.length === 2))
      return new Map(value as [unknown, unknown][]);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return new Map(Object.entries(value));
    throw new UnpackingError(`The file ${item.key} does not hold Map entries.`, {
      code: 'UNPACKING_FAILED',
      fix: 'A Map file holds [[key, value], …] or a record; unpack it as the type it was logged as.',
    });
  }

  @Bundle()
  bundle(collection: unknown[] | Record<string, unknown>): Map<unknown, unknown> {
    return Array.isArray(collection)
      ? new Map(collection.map((v, i) => [i, v]))
      : new Map(Object.entries(collection));
  }

  @Unbundle()
  unbundle(value: Map<unknown, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) {
      if (typeof k !== 'string') {
        throw new UnbundlingError(
          `A Map with the non-string key ${String(k)} cannot be logged one output per entry.`,
          {
            code: 'UNBUNDLING_FAILED',
            fix: 'Use string keys, or log the Map as one artifact (without "*").',
          },
        );
      }
      defineOwn(out, k, v);
    }
    return out;
  }
}
