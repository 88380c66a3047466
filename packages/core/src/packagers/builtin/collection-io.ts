import type { DataItem } from '../../data/data-item';
import { findJsonProblem, jsonSizeExceeds } from '../../formats/json-exact';
import {
  decodeStructured,
  encodeStructured,
  structuredFormatOf,
  type StructuredFormat,
} from '../../formats/structured-format';
import type { Instructions } from '../../types';
import type { PackOutput } from '../pack-context';
import { fileArtifact } from './builtin-io';

/**
 * The largest collection logged as a `result` by default: 64 nodes (elements, keys and nested
 * values; a string counts one node per 64 characters). Bigger ones become a `file`.
 */
export const RESULT_MAX_NODES = 64;

/**
 * The default artifact type of a list or record: `result` when it is JSON-exact and small,
 * `file` when JSON-exact, else `object` (the fallback keeps Dates, Maps, class instances…). @internal
 */
export function defaultCollectionArtifactType(value: unknown): string {
  if (findJsonProblem(value) !== undefined) return 'object';
  return jsonSizeExceeds(value, RESULT_MAX_NODES) ? 'file' : 'result';
}

/** Writes plain data as a structured file. @internal */
export function packStructuredFile(
  value: unknown,
  key: string,
  format: StructuredFormat,
  extra: Instructions = {},
): PackOutput {
  const encoded = encodeStructured(value, format);
  return {
    artifact: fileArtifact(key, encoded.bytes, format),
    instructions: { ...encoded.instructions, ...extra },
  };
}

/** Reads a structured file back (format from the instructions, the record or the extension). @internal */
export async function unpackStructuredFile(
  item: DataItem,
  instructions: Instructions,
): Promise<unknown> {
  const format = structuredFormatOf(
    instructions['format'] ?? item.meta?.format,
    item.meta?.fileName ?? item.key,
  );
  return decodeStructured(await item.get(), format, instructions, item.key);
}
