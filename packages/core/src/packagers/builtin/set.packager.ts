import type { DataItem } from '../../data/data-item';
import { Bundle } from '../../decorators/bundle.decorator';
import { BuiltinPackager } from '../../decorators/packager.decorator';
import { Pack } from '../../decorators/pack.decorator';
import { Unbundle } from '../../decorators/unbundle.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import { findJsonProblem } from '../../formats/json-exact';
import type { StructuredFormat } from '../../formats/structured-format';
import type { Instructions } from '../../types';
import type { PackOutput } from '../pack-context';
import { UnpackingError } from '../../errors/unpacking.error';
import { notOfShape, packStructuredFile, unpackStructuredFile } from './collection-io';
import { RecordFileOptions } from './structured-file.options';

/**
 * Packs Sets: a `file` (json, jsonl or yaml) holding the members as a list in insertion order; a
 * `result` holds the Set itself (the run record encodes it).
 *
 * @remarks
 * The default is `file` when the members are JSON-exact, else `object`. Bundles a list (or the
 * values of a dict) of inputs into a Set; `*key` logs one output per member. Reading a file
 * that is not a list (`UNPACKING_TYPE_MISMATCH`) or repeats a member (`UNPACKING_NOT_EXACT`) is
 * refused.
 */
@BuiltinPackager({
  type: Set,
  name: 'stowage.set',
  defaultPackingArtifactType: (s: Set<unknown>) =>
    findJsonProblem([...s]) === undefined ? 'file' : 'object',
  defaultUnpackingArtifactType: 'file',
  bundleFromList: true,
  bundleFromDict: true,
})
export class SetPackager {
  @Pack('result')
  packResult(value: Set<unknown>): PackOutput {
    return { result: value };
  }

  @Pack('file', { options: RecordFileOptions })
  packFile(value: Set<unknown>, key: string, options: RecordFileOptions): PackOutput {
    return packStructuredFile([...value], key, options.format as StructuredFormat, {
      collection: 'set',
    });
  }

  @Unpack('file')
  async unpackFile(item: DataItem, instructions: Instructions): Promise<Set<unknown>> {
    const { value } = await unpackStructuredFile(item, instructions);
    if (!Array.isArray(value)) throw notOfShape(item.key, value, 'a list of Set members');
    const set = new Set(value);
    if (set.size === value.length) return set;
    throw new UnpackingError(
      `The file ${item.key} holds ${value.length - set.size} repeated member(s); as a Set they would be dropped.`,
      {
        code: 'UNPACKING_NOT_EXACT',
        details: { where: item.key, members: value.length, distinct: set.size },
        fix: 'Read it as Array and build the Set yourself if dropping the repeats is intended.',
      },
    );
  }

  @Bundle()
  bundle(collection: unknown[] | Record<string, unknown>): Set<unknown> {
    return new Set(Array.isArray(collection) ? collection : Object.values(collection));
  }

  @Unbundle()
  unbundle(value: Set<unknown>): unknown[] {
    return [...value];
  }
}
