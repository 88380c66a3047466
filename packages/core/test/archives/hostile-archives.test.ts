import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { ArchiveFormat } from '../../src/archives/archive-format';
import { extractArchive } from '../../src/archives/directory-archive';
import { ArchiveError } from '../../src/errors/archive.error';
import { expectStowageRejection } from '../helpers/expect-stowage-error';
import { tarArchive, tarHeader, tree, zipArchive, type TarSpec } from './helpers/hostile-archives';

describe(extractArchive, () => {
  let base: string;
  let out: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'stowage-hostile-'));
    mkdirSync(join(base, 'jail'));
    out = join(base, 'jail', 'out');
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  /** Extracts `bytes`, expects `code`, and checks nothing was left in or around the target. */
  async function refused(
    bytes: Buffer,
    format: ArchiveFormat,
    code: string,
  ): Promise<ArchiveError> {
    const error = await expectStowageRejection(
      extractArchive(Readable.from([bytes]), out, format),
      ArchiveError,
      code,
    );
    expect(readdirSync(join(base, 'jail'))).toEqual([]);
    expect(readdirSync(base).sort()).toEqual(['jail']);
    return error;
  }

  describe('when a tar holds symbolic or hard links', () => {
    it.each<[string, TarSpec[]]>([
      [
        'a chain of links that each look inside',
        [
          { name: 'd/', type: '5' },
          { name: 'd/l0', type: '2', linkName: '..' },
          { name: 'd/l1', type: '2', linkName: 'l0/..' },
          { name: 'd/l1/escaped.txt', data: 'pwned' },
        ],
      ],
      ['an absolute link', [{ name: 'etc', type: '2', linkName: '/etc' }]],
      [
        'a link to a file inside',
        [
          { name: 'a', data: 'x' },
          { name: 'b', type: '2', linkName: 'a' },
        ],
      ],
      ['a hard link to a system file', [{ name: 'passwd', type: '1', linkName: '/etc/passwd' }]],
      [
        'a hard link to a file inside',
        [
          { name: 'a', data: 'x' },
          { name: 'b', type: '1', linkName: 'a' },
        ],
      ],
      [
        'a link, then a file written through it',
        [
          { name: 'l', type: '2', linkName: '../../' },
          { name: 'l/escaped.txt', data: 'pwned' },
        ],
      ],
      [
        'a file, then a link under the same name',
        [
          { name: 'a', data: 'x' },
          { name: 'a', type: '2', linkName: '/' },
          { name: 'a/escaped.txt', data: 'pwned' },
        ],
      ],
    ])('should refuse %s with ARCHIVE_LINK_ENTRY', async (_, specs) => {
      for (const gzip of [false, true]) {
        const bytes = tarArchive(specs);
        await refused(
          gzip ? gzipSync(bytes) : bytes,
          gzip ? 'tar.gz' : 'tar',
          'ARCHIVE_LINK_ENTRY',
        );
        expect(existsSync(join(base, 'escaped.txt'))).toBe(false);
      }
    });
  });

  describe('when a tar names one path twice', () => {
    it.each<[string, TarSpec[]]>([
      [
        'two files',
        [
          { name: 'a', data: 'first' },
          { name: 'a', data: 'second' },
        ],
      ],
      [
        'a file, then a folder',
        [
          { name: 'a', data: 'x' },
          { name: 'a/', type: '5' },
        ],
      ],
      [
        'a folder, then a file',
        [
          { name: 'a/', type: '5' },
          { name: 'a', data: 'x' },
        ],
      ],
      [
        'a file, then a file under it',
        [
          { name: 'a', data: 'x' },
          { name: 'a/b', data: 'y' },
        ],
      ],
    ])('should refuse %s with ARCHIVE_DUPLICATE_ENTRY', async (_, specs) => {
      await refused(tarArchive(specs), 'tar', 'ARCHIVE_DUPLICATE_ENTRY');
    });

    it('should accept a folder listed twice', async () => {
      const bytes = tarArchive([
        { name: 'a/', type: '5' },
        { name: 'a/', type: '5' },
        { name: 'a/f', data: 'x' },
      ]);
      await extractArchive(Readable.from([bytes]), out, 'tar');
      expect(tree(out)).toEqual({ 'a/': null, 'a/f': 'x' });
    });
  });

  describe('when a tar holds special or escaping entries', () => {
    it.each([['3'], ['4'], ['6'], ['S']])(
      'should refuse type %s with ARCHIVE_ENTRY_ESCAPES',
      async (type) => {
        await refused(tarArchive([{ name: 'dev', type }]), 'tar', 'ARCHIVE_ENTRY_ESCAPES');
      },
    );

    it('should refuse a pax path that leaves the folder', async () => {
      const record = ' path=../../../escaped.txt\n';
      const pax = Buffer.from(`${record.length + 2}${record}`);
      const bytes = Buffer.concat([
        tarHeader({ name: 'PaxHeader', type: 'x', size: pax.length }),
        pax,
        Buffer.alloc(512 - pax.length),
        tarArchive([{ name: 'innocent.txt', data: 'pwned' }]),
      ]);
      await refused(bytes, 'tar', 'ARCHIVE_ENTRY_ESCAPES');
    });

    it('should refuse a bad header checksum with ARCHIVE_CORRUPT', async () => {
      const bytes = tarArchive([{ name: 'a', data: 'x' }]);
      bytes[0] = 0x62;
      await refused(bytes, 'tar', 'ARCHIVE_CORRUPT');
    });
  });

  describe('when a zip holds links, special files or duplicates', () => {
    it('should refuse a symlink entry (Unix mode) with ARCHIVE_LINK_ENTRY', async () => {
      const bytes = zipArchive([
        { name: 'l', data: '../../', method: 0, unixMode: 0o120777 },
        { name: 'l/escaped.txt', data: 'pwned' },
      ]);
      await refused(bytes, 'zip', 'ARCHIVE_LINK_ENTRY');
    });

    it('should refuse a device entry with ARCHIVE_ENTRY_ESCAPES', async () => {
      await refused(
        zipArchive([{ name: 'dev', unixMode: 0o020644 }]),
        'zip',
        'ARCHIVE_ENTRY_ESCAPES',
      );
    });

    it('should refuse two entries with one name with ARCHIVE_DUPLICATE_ENTRY', async () => {
      const bytes = zipArchive([
        { name: 'a', data: 'first' },
        { name: 'a', data: 'second' },
      ]);
      await refused(bytes, 'zip', 'ARCHIVE_DUPLICATE_ENTRY');
    });

    it('should keep the execute bit of a regular file and nothing else of its mode', async () => {
      const bytes = zipArchive([{ name: 'run.sh', data: 'echo', unixMode: 0o104755 }]);
      await extractArchive(Readable.from([bytes]), out, 'zip');
      expect(tree(out)).toEqual({ 'run.sh': 'echo' });
    });
  });

  describe('when a zip lies about its entries', () => {
    it.each<[string, Parameters<typeof zipArchive>[0]]>([
      [
        'overlapping entries (one data, many names)',
        [
          { name: 'a', data: 'x'.repeat(1000) },
          { name: 'b', data: 'x'.repeat(1000), localOffset: 0 },
        ],
      ],
      ['a size smaller than its data', [{ name: 'a', data: 'x'.repeat(1000), size: 10 }]],
      ['a size larger than its data', [{ name: 'a', data: 'x'.repeat(1000), size: 5000 }]],
      ['a wrong CRC-32', [{ name: 'a', data: 'hello', crc: 1234 }]],
      ['a broken deflate stream', [{ name: 'a', raw: Buffer.from([0xff, 0xff, 0xff]), size: 3 }]],
      ['an unknown compression method', [{ name: 'a', data: 'x', method: 12 }]],
    ])('should refuse %s with ARCHIVE_CORRUPT', async (_, specs) => {
      await refused(zipArchive(specs), 'zip', 'ARCHIVE_CORRUPT');
    });

    it('should refuse garbage and an empty input with ARCHIVE_CORRUPT', async () => {
      await refused(Buffer.from('not a zip at all'), 'zip', 'ARCHIVE_CORRUPT');
      await refused(Buffer.alloc(0), 'zip', 'ARCHIVE_CORRUPT');
    });
  });

  describe('when the target path is taken', () => {
    it('should refuse a non-empty folder, a file or a link with ARCHIVE_TARGET_EXISTS', async () => {
      const bytes = tarArchive([{ name: 'a', data: 'x' }]);
      mkdirSync(out);
      writeFileSync(join(out, 'keep'), 'mine');
      await expectStowageRejection(
        extractArchive(Readable.from([bytes]), out, 'tar'),
        ArchiveError,
        'ARCHIVE_TARGET_EXISTS',
      );
      expect(tree(out)).toEqual({ keep: 'mine' });
      rmSync(out, { recursive: true });
      symlinkSync(base, out);
      await expectStowageRejection(
        extractArchive(Readable.from([bytes]), out, 'tar'),
        ArchiveError,
        'ARCHIVE_TARGET_EXISTS',
      );
      expect(existsSync(join(base, 'a'))).toBe(false);
      expect(readdirSync(join(base, 'jail'))).toEqual(['out']);
    });

    it('should extract into an empty folder', async () => {
      mkdirSync(out);
      await extractArchive(Readable.from([tarArchive([{ name: 'a', data: 'x' }])]), out, 'tar');
      expect(tree(out)).toEqual({ a: 'x' });
    });
  });
});
