import { defineErrorCodes } from '@stowage/core';

/**
 * The error codes `@stowage/tables` adds, with what each means. `docs/errors.md` lists them; a
 * test keeps the two in step.
 *
 * @remarks
 * They are carried by core classes a caller already catches, so the prefix names the package,
 * not the class: `TABLE_COLUMN_NOT_FOUND` on an `OptionsError` while packing and on an
 * `UnpackingError` while reading, `TABLE_TYPE_UNSUPPORTED` on a `PackingError`,
 * `TABLE_CODEC_UNSUPPORTED` on an `UnpackingError` while reading and an `OptionsError` while packing, `TABLE_STREAM_INVALID` on a `PackingError`.
 */
export const TABLE_ERROR_CODES = defineErrorCodes({
  TABLE_COLUMN_NOT_FOUND: 'A column named in a table option is not in the table (@stowage/tables).',
  TABLE_TYPE_UNSUPPORTED:
    'A table column has a type the chosen file format cannot hold (@stowage/tables).',
  TABLE_CODEC_UNSUPPORTED:
    'An Arrow IPC file is, or is asked to be, compressed with a codec (lz4, zstd) that has no codec here (@stowage/tables).',
  TABLE_STREAM_INVALID:
    'A stream of record batches yielded no batch, something else than a RecordBatch, or a batch with another schema (@stowage/tables).',
});

/** The codes of {@link TABLE_ERROR_CODES}, added to core's `ErrorCodeRegistry` below. */
export type TableErrorCodes = typeof TABLE_ERROR_CODES;

/** A code of {@link TABLE_ERROR_CODES}. */
export type TableErrorCode = keyof TableErrorCodes;

declare module '@stowage/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds the table codes to ErrorCode
  interface ErrorCodeRegistry extends TableErrorCodes {}
}
