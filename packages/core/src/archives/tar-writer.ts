/** What a tar header is written from. @internal */
export interface TarHeaderInit {
  readonly name: string;
  readonly dir: boolean;
  readonly size: number;
  readonly mode: number;
  readonly mtime: Date;
}

const MAX_OCTAL_SIZE = 8 ** 11 - 1;

function field(block: Buffer, at: number, width: number, value: number): void {
  block.write(
    `${Math.floor(value)
      .toString(8)
      .padStart(width - 1, '0')}\0`,
    at,
    'ascii',
  );
}

function header(name: string, type: string, size: number, mode: number, mtime: number): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  field(block, 100, 8, mode);
  field(block, 108, 8, 0);
  field(block, 116, 8, 0);
  field(block, 124, 12, size);
  field(block, 136, 12, mtime);
  block.write(type, 156, 'ascii');
  block.write('ustar\0' + '00', 257, 'ascii');
  block.fill(32, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length++;
  return `${length}${body}`;
}

/** The zero bytes that pad `size` bytes of data to a 512-byte block. @internal */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((512 - (size % 512)) % 512);
}

/**
 * The header block(s) of one entry: a ustar header, preceded by a pax header when the name is
 * over 100 bytes or the size does not fit in octal. @internal
 */
export function tarHeaderBlocks(init: TarHeaderInit): Buffer {
  const name = init.dir ? `${init.name}/` : init.name;
  const mtime = Math.max(0, init.mtime.getTime() / 1000);
  const records: string[] = [];
  if (Buffer.byteLength(name) > 100) records.push(paxRecord('path', name));
  if (init.size > MAX_OCTAL_SIZE) records.push(paxRecord('size', String(init.size)));
  const type = init.dir ? '5' : '0';
  const main = header(
    records.length > 0 ? Buffer.from(name).subarray(0, 100).toString('utf8') : name,
    type,
    init.size > MAX_OCTAL_SIZE ? 0 : init.size,
    init.mode,
    mtime,
  );
  if (records.length === 0) return main;
  const pax = Buffer.from(records.join(''));
  return Buffer.concat([
    header('PaxHeader', 'x', pax.length, 0o644, mtime),
    pax,
    tarPadding(pax.length),
    main,
  ]);
}
