import { OptionsError, PackingError, UnpackingError } from '@stowage/core';
import type {} from './table-error-codes';

/** A column named in `columns` that the table does not have. @internal */
export function columnNotFound(
  where: string,
  missing: readonly string[],
  available: readonly string[],
  unpacking: boolean,
): OptionsError | UnpackingError {
  const message = `${where}: no column ${missing.map((c) => `"${c}"`).join(', ')} in the table (it has ${available.map((c) => `"${c}"`).join(', ')}).`;
  const init = {
    code: 'TABLE_COLUMN_NOT_FOUND' as const,
    details: { where, missing, available },
    fix: 'Name only columns the table has (the message lists them); names are case-sensitive.',
  };
  return unpacking ? new UnpackingError(message, init) : new OptionsError(message, init);
}

/** An option value that does not fit (a bad row-group size, a codec the format lacks). @internal */
export function invalidTableOption(
  key: string,
  option: string,
  value: unknown,
  expected: string,
): OptionsError {
  return new OptionsError(
    `The option ${option} of "${key}" is ${JSON.stringify(value)}, but it must be ${expected}.`,
    {
      code: 'OPTIONS_INVALID',
      details: { key, option, value },
      fix: `Set ${option} to ${expected}.`,
    },
  );
}

/** A column whose Arrow type the chosen format's writer refuses. @internal */
export function typeNotWritable(
  key: string,
  column: string,
  type: string,
  format: string,
  cause: unknown,
): PackingError {
  return new PackingError(
    `Cannot write "${key}" as ${format}: column "${column}" has type ${type}, which the ${format} writer does not support.`,
    {
      code: 'TABLE_TYPE_UNSUPPORTED',
      details: { key, column, type, format },
      fix: 'Cast the column to a supported type, drop it with the columns option, or use the other format (arrow keeps every Arrow type).',
      cause,
    },
  );
}

/** What an Arrow IPC file may be compressed with here: nothing (see `codecUnsupported`). */
export const ARROW_IPC_CODECS = ['none'] as const;

const SUPPORTED_TEXT =
  'Arrow IPC files are read and written uncompressed only (apache-arrow for JavaScript registers no lz4 or zstd codec, and the installed parquet-wasm build has no IPC compression); Parquet reads and writes snappy, zstd, gzip, brotli, lz4 and none';

/** An Arrow IPC file compressed with a codec apache-arrow has no decoder for. @internal */
export function codecUnsupported(where: string, codec: string, cause: unknown): UnpackingError {
  return new UnpackingError(
    `Cannot read ${where}: its Arrow IPC record batches are compressed with ${codec}, which has no decoder here. ${SUPPORTED_TEXT}.`,
    {
      code: 'TABLE_CODEC_UNSUPPORTED',
      details: { where, codec, supported: [...ARROW_IPC_CODECS] },
      fix: `Write the file uncompressed (pyarrow: feather.write_feather(t, path, compression="uncompressed")) or as Parquet (which may use ${codec}), or register a ${codec} decoder with apache-arrow's compressionRegistry before unpacking.`,
      cause,
    },
  );
}

/** An Arrow IPC codec (lz4, zstd) asked for when packing, which nothing here can write. @internal */
export function codecNotWritable(key: string, codec: string): OptionsError {
  return new OptionsError(
    `Cannot write "${key}" as an Arrow IPC file compressed with ${codec}. ${SUPPORTED_TEXT}.`,
    {
      code: 'TABLE_CODEC_UNSUPPORTED',
      details: { key, codec, format: 'arrow', supported: [...ARROW_IPC_CODECS] },
      fix: `Leave compression unset (or "none") with format=arrow, or write format=parquet with compression=${codec}.`,
    },
  );
}

/** Bytes that do not parse as the table format they are recorded in. @internal */
export function tableInvalid(where: string, format: string, cause: unknown): UnpackingError {
  return new UnpackingError(`Cannot read ${where} as ${format}: the bytes do not parse.`, {
    code: 'FORMAT_INVALID',
    details: { where, format },
    fix: 'Check that the artifact really holds a Parquet or Arrow IPC file and was stored completely; log it again if not.',
    cause,
  });
}

/** A record batch stream that yielded no batch, a non-batch, or a batch of another schema. @internal */
export function streamInvalid(key: string, problem: string, batch: number): PackingError {
  return new PackingError(`Cannot pack "${key}" as a stream of record batches: ${problem}.`, {
    code: 'TABLE_STREAM_INVALID',
    details: { key, batch },
    fix: "Yield apache-arrow RecordBatch objects (from the apache-arrow copy @stowage/tables uses: check `npm ls apache-arrow`), at least one, all with the first batch's column names and types.",
  });
}
