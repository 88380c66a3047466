import { UnpackingError } from '../errors/unpacking.error';
import type { Instructions } from '../types';
import { decodeCsv, encodeCsv } from './csv.format';
import { decodeJson, encodeJson } from './json.format';
import { decodeJsonl, encodeJsonl } from './jsonl.format';
import { decodeYaml, encodeYaml } from './yaml.format';
import { findNullPrototypes, restoreNullPrototypes } from './null-prototypes';

/** The text formats for plain data (lists, records, maps, sets). */
export const STRUCTURED_FORMATS = ['json', 'jsonl', 'yaml', 'csv'] as const;

/** One of {@link STRUCTURED_FORMATS}. */
export type StructuredFormat = (typeof STRUCTURED_FORMATS)[number];

/** Bytes of a value in a structured format, plus what to record to read it back exactly. */
export interface StructuredEncoded {
  readonly bytes: Uint8Array;
  readonly instructions: Instructions;
}

/**
 * Encodes plain data in a structured format; objects with a `null` prototype are recorded in the
 * instructions (`nullPrototypes`) so {@link decodeStructured} gives them back with one.
 *
 * @throws PackingError (`FORMAT_NOT_EXACT`, `FORMAT_NOT_AN_ARRAY`, `FORMAT_NOT_RECORDS`) when the
 * value does not fit the format.
 */
export function encodeStructured(value: unknown, format: StructuredFormat): StructuredEncoded {
  const encoded = encodeFormat(value, format);
  const nullPrototypes = findNullPrototypes(value, format);
  return nullPrototypes === undefined
    ? encoded
    : { ...encoded, instructions: { ...encoded.instructions, nullPrototypes } };
}

function encodeFormat(value: unknown, format: StructuredFormat): StructuredEncoded {
  switch (format) {
    case 'json':
      return { bytes: encodeJson(value), instructions: { format } };
    case 'jsonl':
      return { bytes: encodeJsonl(value), instructions: { format } };
    case 'yaml':
      return { bytes: encodeYaml(value), instructions: { format } };
    case 'csv': {
      const csv = encodeCsv(value);
      return {
        bytes: csv.bytes,
        instructions: { format, columns: csv.columns, rowCount: csv.rowCount },
      };
    }
  }
}

/** The structured format named by `format`, or by the extension of `fileName` (`.yml` is yaml). */
export function structuredFormatOf(
  format: unknown,
  fileName: string | undefined,
): StructuredFormat | undefined {
  const name =
    typeof format === 'string' ? format : (fileName ?? '').split('.').pop()?.toLowerCase();
  const normalised = name === 'yml' ? 'yaml' : name === 'ndjson' ? 'jsonl' : name;
  return (STRUCTURED_FORMATS as readonly string[]).includes(normalised ?? '')
    ? (normalised as StructuredFormat)
    : undefined;
}

/**
 * Decodes bytes written by {@link encodeStructured}, using its instructions (null prototypes
 * recorded there are restored).
 *
 * @throws UnpackingError (`FORMAT_UNKNOWN`, `FORMAT_INVALID`) for an unknown format, bytes that
 * do not parse, or a `nullPrototypes` instruction that does not fit the decoded value.
 */
export function decodeStructured(
  bytes: Uint8Array,
  format: StructuredFormat | undefined,
  instructions: Instructions,
  where: string,
): unknown {
  const value = decodeFormat(bytes, format, instructions, where);
  return restoreNullPrototypes(value, instructions['nullPrototypes'], where);
}

function decodeFormat(
  bytes: Uint8Array,
  format: StructuredFormat | undefined,
  instructions: Instructions,
  where: string,
): unknown {
  switch (format) {
    case 'json':
      return decodeJson(bytes, where);
    case 'jsonl':
      return decodeJsonl(bytes, where);
    case 'yaml':
      return decodeYaml(bytes, where);
    case 'csv':
      return decodeCsv(bytes, instructions, where);
    default:
      throw new UnpackingError(
        `The format of ${where} is not one Stowage reads as structured data.`,
        {
          code: 'FORMAT_UNKNOWN',
          details: { where, format },
          fix: `Record the format (one of ${STRUCTURED_FORMATS.join(', ')}) or give the file a matching extension.`,
        },
      );
  }
}
