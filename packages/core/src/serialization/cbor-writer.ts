import { isWellFormed } from './well-formed-strings';

/** Smallest first buffer of a writer; it grows as needed (doubling, then by a quarter). */
const INITIAL_BYTES = 64 * 1024;
/** The first buffer is sized for the last encoding's bytes, up to this many. */
const MAX_FIRST_BYTES = 64 * 1024 * 1024;
/** Bytes kept free before the value, for the header written once the value is done. */
const RESERVE = 256;
/** cbor-x record ids cycle through this many values (`0xe000 + id`), as cbor-x writes them. */
const RECORD_IDS = 0x100;

/**
 * A node of the record-shape tree: the shape of the objects whose own enumerable keys, in order,
 * are the keys on the path from the root to it. Key checks are done once per shape, not per
 * object. @internal
 */
export class Shape {
  /** The next shapes, by the key that extends this one. */
  readonly next: Record<string, Shape> = Object.create(null) as Record<string, Shape>;
  /** The cbor-x record id this shape is written under, or -1 before it is defined (again). */
  id = -1;
  constructor(
    /** Its keys, in order. */
    readonly keys: readonly string[],
    /** Whether some key is not well-formed Unicode (a record cannot hold it). */
    readonly illFormed: boolean,
    /** Whether some key is `"__proto__"`. */
    readonly protoKey: boolean,
  ) {}
}

/**
 * Writes CBOR the way cbor-x writes it with the object fallback's options (`useRecords`,
 * `tagUint8Array`, float64 numbers), straight into one growing buffer: the object fallback's
 * encoder walks a value once and writes as it goes, with no intermediate tree. @internal
 */
export class CborWriter {
  /** Size of the last encoding, to size the next first buffer (no growing, no copying). */
  private static lastSize = 0;
  buf: Buffer;
  private view: DataView;
  pos: number;
  private readonly root = new Shape([], false, false);
  private readonly byId: (Shape | undefined)[] = [];
  private nextId = 0;

  /**
   * @param size - the size of a small buffer for a header (the value's writer sizes its own,
   * and keeps room before the value for the header).
   */
  constructor(size?: number) {
    const first =
      size ??
      Math.min(
        MAX_FIRST_BYTES,
        Math.max(INITIAL_BYTES, CborWriter.lastSize + (CborWriter.lastSize >> 3) + RESERVE),
      );
    this.buf = Buffer.allocUnsafeSlow(first);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    this.pos = size === undefined ? RESERVE : 0;
  }

  /**
   * The bytes of `header` (written first) and of the value written here. When the header fits
   * in the room kept before the value and the buffer is mostly used, that is a view of this
   * writer's buffer (nothing is copied); otherwise a new buffer of exactly their size.
   */
  finish(header: CborWriter | undefined): Buffer {
    const head = header?.pos ?? 0;
    const size = head + this.pos - RESERVE;
    CborWriter.lastSize = size;
    if (head <= RESERVE && size >= this.buf.length - (this.buf.length >> 2)) {
      if (header !== undefined) header.buf.copy(this.buf, RESERVE - head, 0, head);
      return this.buf.subarray(RESERVE - head, this.pos);
    }
    const out = Buffer.allocUnsafeSlow(size);
    if (header !== undefined) header.buf.copy(out, 0, 0, head);
    this.buf.copy(out, head, RESERVE, this.pos);
    return out;
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const length = this.buf.length;
    const size = Math.max(
      this.pos + n + 4096,
      length + (length > MAX_FIRST_BYTES ? length >> 2 : length),
    );
    const bigger = Buffer.allocUnsafeSlow(size);
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
    this.view = new DataView(bigger.buffer, bigger.byteOffset, bigger.byteLength);
  }

  /** A header of major type `major` (0–7, shifted: `major << 5`) with argument `n` (< 2^32). */
  head(major: number, n: number): void {
    this.ensure(5);
    const b = this.buf;
    if (n < 0x18) b[this.pos++] = major | n;
    else if (n < 0x100) {
      b[this.pos++] = major | 0x18;
      b[this.pos++] = n;
    } else if (n < 0x10000) {
      b[this.pos++] = major | 0x19;
      b[this.pos++] = n >> 8;
      b[this.pos++] = n & 0xff;
    } else {
      b[this.pos++] = major | 0x1a;
      this.view.setUint32(this.pos, n);
      this.pos += 4;
    }
  }

  tag(t: number): void {
    this.head(0xc0, t);
  }

  array(length: number): void {
    this.head(0x80, length);
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** A number as cbor-x writes it (integers as CBOR integers, others as float64). */
  number(v: number): void {
    if (v >>> 0 === v) this.head(0, v);
    else if (v >> 0 === v) {
      if (v >= -0x18) this.byte(0x1f - v);
      else this.head(0x20, ~v);
    } else if (v < 0 && v >= -0x100000000 && Math.floor(v) === v) {
      this.ensure(5);
      this.buf[this.pos++] = 0x3a;
      this.view.setUint32(this.pos, -1 - v);
      this.pos += 4;
    } else this.float64(v);
  }

  float64(v: number): void {
    this.ensure(9);
    this.buf[this.pos++] = 0xfb;
    this.view.setFloat64(this.pos, v);
    this.pos += 8;
  }

  /** A bigint within 64 bits plus a sign. */
  bigint64(v: bigint): void {
    this.ensure(9);
    if (v >= 0n) {
      this.buf[this.pos++] = 0x1b;
      this.view.setBigUint64(this.pos, v);
    } else {
      this.buf[this.pos++] = 0x3b;
      this.view.setBigUint64(this.pos, -v - 1n);
    }
    this.pos += 8;
  }

  /** A Date in cbor-x's form: tag 1 and seconds (uint32 when whole and in range, else float64). */
  date(d: Date): void {
    const ms = d.getTime();
    const seconds = ms / 1000;
    this.ensure(10);
    this.buf[this.pos++] = 0xc1;
    if (d.getMilliseconds() === 0 && seconds >= 0 && seconds < 0x100000000) {
      this.buf[this.pos++] = 0x1a;
      this.view.setUint32(this.pos, seconds);
      this.pos += 4;
    } else this.float64(seconds);
  }

  /** A well-formed string as UTF-8 text. */
  string(s: string): void {
    const length = s.length;
    const max = length * 3;
    this.ensure(max + 5);
    const b = this.buf;
    if (length < 0x18) {
      // short: encode in place after a one-byte header (at most 69 bytes: fix it up if longer)
      const start = this.pos + 1;
      let p = start;
      for (let i = 0; i < length; i++) {
        let c = s.charCodeAt(i);
        if (c < 0x80) b[p++] = c;
        else if (c < 0x800) {
          b[p++] = (c >> 6) | 0xc0;
          b[p++] = (c & 0x3f) | 0x80;
        } else if ((c & 0xfc00) === 0xd800) {
          c = 0x10000 + ((c & 0x03ff) << 10) + (s.charCodeAt(++i) & 0x03ff);
          b[p++] = (c >> 18) | 0xf0;
          b[p++] = ((c >> 12) & 0x3f) | 0x80;
          b[p++] = ((c >> 6) & 0x3f) | 0x80;
          b[p++] = (c & 0x3f) | 0x80;
        } else {
          b[p++] = (c >> 12) | 0xe0;
          b[p++] = ((c >> 6) & 0x3f) | 0x80;
          b[p++] = (c & 0x3f) | 0x80;
        }
      }
      const n = p - start;
      if (n < 0x18) {
        b[this.pos] = 0x60 | n;
        this.pos = p;
      } else {
        b.copyWithin(start + 1, start, p);
        b[this.pos] = 0x78;
        b[this.pos + 1] = n;
        this.pos = p + 1;
      }
      return;
    }
    // longer: the header sized for the most bytes it can take, moved back when it is smaller
    const headerSize = max < 0x100 ? 2 : max < 0x10000 ? 3 : 5;
    const at = this.pos + headerSize;
    const n = b.write(s, at, max, 'utf8');
    const actual = n < 0x18 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : 5;
    if (actual !== headerSize) b.copyWithin(this.pos + actual, at, at + n);
    this.head(0x60, n);
    this.pos += n;
  }

  /** A byte string holding the bytes of `data` (a copy). */
  bytes(data: ArrayBufferView): void {
    const n = data.byteLength;
    this.head(0x40, n);
    this.ensure(n);
    this.buf.set(
      data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, n),
      this.pos,
    );
    this.pos += n;
  }

  /**
   * The shape of `o`'s own enumerable string keys (the `for…in` order, which is `Object.keys`
   * order), found in the shape tree: one dictionary lookup per key, new shapes checked once.
   */
  shapeOf(o: object): Shape {
    let shape = this.root;
    for (const k in o) {
      if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
      let next = shape.next[k];
      if (next === undefined) {
        next = new Shape(
          [...shape.keys, k],
          shape.illFormed || !isWellFormed(k),
          shape.protoKey || k === '__proto__',
        );
        shape.next[k] = next;
      }
      shape = next;
    }
    return shape;
  }

  /**
   * The header of an object of `shape` written as a cbor-x record: its record id, and the first
   * time (or after the id was reused) the definition with its keys. The values follow, in order.
   */
  record(shape: Shape): void {
    const keys = shape.keys;
    let id = shape.id;
    if (id >= 0) {
      this.ensure(3);
      this.buf[this.pos++] = 0xd9;
      this.buf[this.pos++] = 0xe0 | (id >> 8);
      this.buf[this.pos++] = id & 0xff;
      this.array(keys.length);
      return;
    }
    id = this.nextId;
    this.nextId = (id + 1) % RECORD_IDS;
    const old = this.byId[id];
    if (old !== undefined) old.id = -1;
    this.byId[id] = shape;
    shape.id = id;
    this.ensure(3);
    this.buf[this.pos++] = 0xd9;
    this.buf[this.pos++] = 0xdf;
    this.buf[this.pos++] = 0xff;
    this.array(keys.length + 2);
    this.head(0, 0xe000 + id);
    this.array(keys.length);
    for (let i = 0; i < keys.length; i++) this.string(keys[i]!);
  }
}
