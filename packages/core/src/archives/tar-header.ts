/** The fields of a tar header block Stowage uses. @internal */
export interface TarHeader {
  readonly name: string;
  /** The type flag (`0` file, `5` folder, `x` pax, …); `\0` is read as `0`. */
  readonly type: string;
  readonly size: number;
  readonly mode: number;
  readonly linkName: string;
}

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

function number(block: Buffer, start: number, length: number): number {
  const field = block.subarray(start, start + length);
  if ((field[0] ?? 0) & 0x80) {
    // base-256: big-endian two's complement with the top bit set.
    if ((field[0] ?? 0) & 0x40) throw new Error('a negative number in a tar header');
    let value = (field[0] ?? 0) & 0x3f;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    if (!Number.isSafeInteger(value)) throw new Error('a tar header number is too large');
    return value;
  }
  const digits = text(block, start, length).trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) throw new Error(`"${digits}" is not an octal number`);
  return parseInt(digits, 8);
}

/** Whether a 512-byte block is all zeros (the end-of-archive marker). @internal */
export function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false;
  return true;
}

/** Parses and checks a 512-byte tar header. @throws Error for a bad checksum or field. @internal */
export function parseTarHeader(block: Buffer): TarHeader {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] ?? 0);
  if (number(block, 148, 8) !== sum) throw new Error('a tar header checksum does not match');
  const name = text(block, 0, 100);
  const prefix = text(block, 257, 6) === 'ustar' ? text(block, 345, 155) : '';
  const flag = String.fromCharCode(block[156] ?? 0);
  return {
    name: prefix === '' ? name : `${prefix}/${name}`,
    type: flag === '\0' ? '0' : flag,
    size: number(block, 124, 12),
    mode: number(block, 100, 8),
    linkName: text(block, 157, 100),
  };
}

/** The records of a pax extended header (`"<len> key=value\n"`…). @internal */
export function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = space === -1 ? NaN : Number(data.subarray(at, space).toString('ascii'));
    if (!(length > 0) || at + length > data.length) throw new Error('a bad pax record');
    const record = data.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return out;
}
