import {
  CompressionType,
  MessageHeader,
  MessageReader,
  compressionRegistry,
  tableFromIPC,
  tableToIPC,
  type Table,
} from 'apache-arrow';
import { codecUnsupported, tableInvalid } from './table-errors';

const CODEC_NAMES: Readonly<Record<number, string>> = {
  [CompressionType.LZ4_FRAME]: 'lz4',
  [CompressionType.ZSTD]: 'zstd',
};

/** Writes `table` as an uncompressed Arrow IPC file (Feather v2). */
export function writeArrowBytes(table: Table): Uint8Array {
  return tableToIPC(table, 'file');
}

/** The codec of the first compressed record batch that apache-arrow cannot decode, if any. */
function missingCodec(bytes: Uint8Array): string | undefined {
  const magic = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(6, bytes.length));
  const reader = new MessageReader(
    magic.toString('latin1') === 'ARROW1' ? bytes.subarray(8) : bytes,
  );
  for (const message of reader) {
    if (message.headerType === MessageHeader.RecordBatch) {
      const header = message.header() as unknown as {
        compression?: { type: CompressionType } | null;
      };
      const type = header.compression?.type;
      if (type === undefined || type === null || compressionRegistry.get(type) !== null)
        return undefined;
      return CODEC_NAMES[type] ?? `codec ${String(type)}`;
    }
    reader.readMessageBody(message.bodyLength);
  }
  return undefined;
}

/**
 * Reads an Arrow IPC file or stream into a table.
 *
 * @throws UnpackingError `TABLE_CODEC_UNSUPPORTED` for batches compressed with a codec that has no
 * registered decoder; `FORMAT_INVALID` for bytes that do not parse.
 */
export function readArrowBytes(bytes: Uint8Array, where: string): Table {
  try {
    return tableFromIPC(bytes);
  } catch (error) {
    let codec: string | undefined;
    try {
      codec = missingCodec(bytes);
    } catch {
      codec = undefined;
    }
    throw codec === undefined
      ? tableInvalid(where, 'arrow', error)
      : codecUnsupported(where, codec, error);
  }
}
