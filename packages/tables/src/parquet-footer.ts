/**
 * The row groups of a Parquet file read straight from its footer (Thrift compact protocol), for
 * bytes held in memory: no copy of the file into a `Blob` for parquet-wasm (for a 23 MB file
 * that copy cost more than the rest of reading the footer). @internal
 *
 * @remarks
 * Only what the pack records is decoded: each row group's row count and the compressed size of
 * its column chunks (summed, as parquet-wasm's `compressedSize()` does); every other field is
 * skipped by its wire type. Anything unexpected (no `PAR1`, a length past the ends, an unknown
 * wire type, nesting deeper than {@link MAX_DEPTH}) throws {@link FooterUnreadable}; the caller
 * then reads the footer with parquet-wasm.
 */

/** One row group as the pack records it. */
export interface FooterRowGroup {
  readonly rows: number;
  readonly compressedBytes: number;
}

/** The footer could not be read by this reader (the caller falls back to parquet-wasm). */
export class FooterUnreadable extends Error {}

/** Structs nest this deep at most (Parquet's own metadata nests 4–5 levels). */
const MAX_DEPTH = 32;

/** Thrift compact wire types. */
const T = {
  TRUE: 1,
  FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
} as const;

/** Reads Thrift compact values from `bytes[pos, end)`. */
class CompactReader {
  private pos: number;

  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  private byte(): number {
    if (this.pos >= this.end) throw new FooterUnreadable('the footer ends mid-value');
    return this.bytes[this.pos++] as number;
  }

  /** An unsigned varint (up to 2^53: sizes and counts). */
  varint(): number {
    let value = 0;
    for (let shift = 1; ; shift *= 128) {
      const b = this.byte();
      value += (b & 0x7f) * shift;
      if ((b & 0x80) === 0) return value;
      if (shift > 2 ** 49) throw new FooterUnreadable('a varint longer than 53 bits');
    }
  }

  /** A zigzag-encoded integer (i16, i32, i64). */
  integer(): number {
    const n = this.varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  /**
   * Reads a struct's fields, calling `field(id, type)` for each; it returns `true` when it read
   * the value, else the value is skipped.
   */
  struct(field: (id: number, type: number) => boolean, depth: number): void {
    if (depth > MAX_DEPTH) throw new FooterUnreadable('structs nested too deep');
    let id = 0;
    for (;;) {
      const head = this.byte();
      if (head === 0) return;
      const delta = head >> 4;
      const type = head & 0x0f;
      id = delta !== 0 ? id + delta : this.integer();
      if (!field(id, type)) this.skip(type, depth);
    }
  }

  /** Reads a list header and calls `element` once per element (`type` is the element type). */
  list(element: (type: number) => void): void {
    const head = this.byte();
    const size = head >> 4 === 15 ? this.varint() : head >> 4;
    if (size > this.end - this.pos) throw new FooterUnreadable('a list longer than the footer');
    for (let i = 0; i < size; i++) element(head & 0x0f);
  }

  /** Skips one value of wire type `type`. */
  skip(type: number, depth: number): void {
    switch (type) {
      case T.TRUE:
      case T.FALSE:
        return;
      case T.BYTE:
        this.byte();
        return;
      case T.I16:
      case T.I32:
      case T.I64:
        this.varint();
        return;
      case T.DOUBLE:
        this.advance(8);
        return;
      case T.BINARY:
        this.advance(this.varint());
        return;
      case T.LIST:
      case T.SET:
        // Booleans in a list take one byte each.
        this.list((t) => (t === T.TRUE || t === T.FALSE ? this.byte() : this.skip(t, depth + 1)));
        return;
      case T.MAP: {
        const size = this.varint();
        if (size === 0) return;
        const types = this.byte();
        for (let i = 0; i < size; i++) {
          this.skip(types >> 4, depth + 1);
          this.skip(types & 0x0f, depth + 1);
        }
        return;
      }
      case T.STRUCT:
        this.struct(() => false, depth + 1);
        return;
      default:
        throw new FooterUnreadable(`unknown Thrift wire type ${type}`);
    }
  }

  private advance(count: number): void {
    if (count > this.end - this.pos) throw new FooterUnreadable('a value past the footer');
    this.pos += count;
  }
}

/**
 * The row groups of the Parquet file `bytes`, from its footer.
 *
 * @throws FooterUnreadable when the footer is not one this reader understands.
 */
export function footerRowGroups(bytes: Uint8Array): FooterRowGroup[] {
  const n = bytes.byteLength;
  const magic = n >= 12 && bytes[n - 4] === 0x50 && bytes[n - 3] === 0x41;
  if (!magic || bytes[n - 2] !== 0x52 || bytes[n - 1] !== 0x31)
    throw new FooterUnreadable('no PAR1 at the end');
  const length = new DataView(bytes.buffer, bytes.byteOffset + n - 8, 4).getUint32(0, true);
  if (length > n - 12) throw new FooterUnreadable('a footer longer than the file');
  const reader = new CompactReader(bytes, n - 8 - length, n - 8);
  const groups: FooterRowGroup[] = [];
  // FileMetaData: 4 = row_groups (list<RowGroup>)
  reader.struct((id, type) => {
    if (id !== 4 || type !== T.LIST) return false;
    reader.list((element) => {
      if (element !== T.STRUCT) throw new FooterUnreadable('row groups are not structs');
      groups.push(rowGroup(reader));
    });
    return true;
  }, 0);
  return groups;
}

/** RowGroup: 1 = columns (list<ColumnChunk>), 3 = num_rows (i64). */
function rowGroup(reader: CompactReader): FooterRowGroup {
  let rows: number | undefined;
  let compressedBytes = 0;
  reader.struct((id, type) => {
    if (id === 3 && type === T.I64) {
      rows = reader.integer();
      return true;
    }
    if (id !== 1 || type !== T.LIST) return false;
    reader.list((element) => {
      if (element !== T.STRUCT) throw new FooterUnreadable('column chunks are not structs');
      compressedBytes += columnChunkCompressed(reader);
    });
    return true;
  }, 1);
  if (rows === undefined) throw new FooterUnreadable('a row group without num_rows');
  return { rows, compressedBytes };
}

/** ColumnChunk: 3 = meta_data (ColumnMetaData: 7 = total_compressed_size, i64). */
function columnChunkCompressed(reader: CompactReader): number {
  let compressed: number | undefined;
  reader.struct((id, type) => {
    if (id !== 3 || type !== T.STRUCT) return false;
    reader.struct((field, fieldType) => {
      if (field !== 7 || fieldType !== T.I64) return false;
      compressed = reader.integer();
      return true;
    }, 3);
    return true;
  }, 2);
  if (compressed === undefined) throw new FooterUnreadable('a column chunk without its size');
  return compressed;
}
