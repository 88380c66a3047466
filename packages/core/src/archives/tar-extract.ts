import { Transform, pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { LimitCounter } from './archive-limits';
import { linkRefused, specialRefused } from './archive-refusals';
import { ChunkReader } from './chunk-reader';
import { SafeTree, writeAll } from './safe-tree';
import { isZeroBlock, parsePax, parseTarHeader } from './tar-header';

const MAX_META_BYTES = 1024 * 1024;
/** Files up to this size are read whole and written a few at a time. */
const SMALL = 1024 * 1024;
const FILE_TYPES = new Set(['0', '7']);

/** Counts the bytes flowing through, calling `check` with the running total first. */
function counting(check: (total: number) => void): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      try {
        check(total);
        done(null, chunk);
      } catch (e) {
        done(e as Error);
      }
    },
  });
}

/**
 * Extracts a tar or tar.gz stream into the private folder `root`, one entry at a time, stopping
 * at the first refused entry or passed limit.
 *
 * @remarks
 * Gzip is inflated off the main thread in 64 KiB pieces; each piece of tar is counted against
 * the ratio limit before it is parsed, each file's bytes against the byte limit before they are
 * written. Links and special files are refused; pax and GNU long names are honoured.
 * @throws ArchiveError, or the raw read/write error (the caller wraps it).
 */
export async function untarInto(
  source: Readable,
  root: string,
  gzip: boolean,
  counter: LimitCounter,
  where: string,
): Promise<void> {
  const stages: NodeJS.ReadWriteStream[] = [counting((n) => counter.input(n))];
  if (gzip) stages.push(createGunzip({ chunkSize: 64 * 1024 }));
  stages.push(counting((n) => counter.expanded(n)));
  const tarBytes = (pipeline as (...s: unknown[]) => Readable)(source, ...stages, () => undefined);
  const iterator = tarBytes[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    await readEntries(
      new ChunkReader(iterator),
      new SafeTree(root, where, counter),
      counter,
      where,
    );
  } finally {
    tarBytes.destroy();
    source.destroy();
  }
}

async function readEntries(
  reader: ChunkReader,
  tree: SafeTree,
  counter: LimitCounter,
  where: string,
): Promise<void> {
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  for (;;) {
    const block = await reader.exact(512);
    if (block === undefined || isZeroBlock(block)) return tree.settle();
    const header = parseTarHeader(block);
    const size = pax['size'] !== undefined ? Number(pax['size']) : header.size;
    if (!Number.isSafeInteger(size) || size < 0) throw new Error(`a bad entry size (${size})`);
    const padding = (512 - (size % 512)) % 512;
    if ('xgLK'.includes(header.type)) {
      if (size > MAX_META_BYTES) throw new Error(`a ${size}-byte ${header.type} header`);
      const data = (await reader.exact(size + padding)) ?? Buffer.alloc(0);
      const body = data.subarray(0, size);
      if (header.type === 'x') pax = parsePax(body);
      else if (header.type === 'L') longName = body.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    const name = pax['path'] ?? longName ?? header.name;
    const linkName = pax['linkpath'] ?? header.linkName;
    pax = {};
    longName = undefined;
    if (header.type === '1' || header.type === '2') throw linkRefused(where, name, linkName);
    if (header.type === '5') {
      await tree.dir(name);
      await reader.skip(size + padding);
    } else if (FILE_TYPES.has(header.type)) {
      await writeEntry(reader, tree, counter, name, size, (header.mode & 0o111) !== 0);
      await reader.skip(padding);
    } else throw specialRefused(where, name, header.type);
  }
}

async function writeEntry(
  reader: ChunkReader,
  tree: SafeTree,
  counter: LimitCounter,
  name: string,
  size: number,
  executable: boolean,
): Promise<void> {
  counter.declared(size);
  if (size <= SMALL) {
    const pieces: Buffer[] = [];
    for await (const piece of reader.take(size)) {
      counter.add(piece.length);
      pieces.push(piece);
    }
    await tree.writeSmall(name, Buffer.concat(pieces), executable);
    return;
  }
  const fh = await tree.file(name, executable);
  try {
    for await (const piece of reader.take(size)) {
      counter.add(piece.length);
      await writeAll(fh, piece);
    }
  } finally {
    await fh.close();
  }
}
