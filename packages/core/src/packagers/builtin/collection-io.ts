import type { DataItem } from '../../data/data-item';
import { UnpackingError } from '../../errors/unpacking.error';
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

/** A structured file read back, with the format it was read in. @internal */
export interface StructuredRead {
  readonly value: unknown;
  readonly format: StructuredFormat | undefined;
}

/** Reads a structured file back (format from the instructions, the record or the extension). @internal */
export async function unpackStructuredFile(
  item: DataItem,
  instructions: Instructions,
): Promise<StructuredRead> {
  const format = structuredFormatOf(
    instructions['format'] ?? item.meta?.format,
    item.meta?.fileName ?? item.key,
  );
  return { value: decodeStructured(await item.get(), format, instructions, item.key), format };
}

/** What a parsed structured value is, for messages (`an array`, `a record`, `a number`). @internal */
export function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'a record' : `a ${typeof value}`;
}

/**
 * The error for a structured file whose content is not the hinted collection: Stowage does not
 * reshape it (a record into its values, a list into `{ "0": … }`). @internal
 */
export function notOfShape(where: string, value: unknown, wanted: string): UnpackingError {
  const holds = shapeOf(value);
  const readAs = Array.isArray(value) ? 'Array' : holds === 'a record' ? 'Object' : 'its own type';
  return new UnpackingError(`The file ${where} holds ${holds}, not ${wanted}.`, {
    code: 'UNPACKING_TYPE_MISMATCH',
    details: { where, holds, wanted },
    fix: `Read it as ${readAs} and convert it yourself; the conversions Stowage makes are listed in docs/builtin-packagers.md, "Reading under another type".`,
  });
}
