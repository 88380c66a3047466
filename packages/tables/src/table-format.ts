import type { TableFormat } from './table-options';

const PARQUET_MAGIC = 'PAR1';
const ARROW_MAGIC = 'ARROW1';

/** The stored table formats Stowage reads: its two written formats, plus Arrow IPC streams. */
export type StoredTableFormat = TableFormat | 'arrow-stream';

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, length).toString('latin1');
}

/**
 * The table format of `bytes` from their magic numbers: `PAR1` at both ends is Parquet, `ARROW1`
 * an Arrow IPC file (Feather v2), a leading `0xFFFFFFFF` an Arrow IPC stream; `undefined` else.
 */
export function sniffTableFormat(bytes: Uint8Array): StoredTableFormat | undefined {
  const n = bytes.length;
  if (n >= 12 && ascii(bytes, 0, 4) === PARQUET_MAGIC && ascii(bytes, n - 4, 4) === PARQUET_MAGIC)
    return 'parquet';
  if (n >= 12 && ascii(bytes, 0, 6) === ARROW_MAGIC) return 'arrow';
  if (n >= 8 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff)
    return 'arrow-stream';
  return undefined;
}

/** Whether `value` names a stored table format. */
export function isStoredTableFormat(value: unknown): value is StoredTableFormat {
  return value === 'parquet' || value === 'arrow' || value === 'arrow-stream';
}
