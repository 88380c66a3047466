import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ARCHIVE_FORMATS } from '../../src/archives/archive-format';
import { archiveDirectory, extractArchive } from '../../src/archives/directory-archive';
import { ArchiveError } from '../../src/errors/archive.error';
import { expectStowageRejection } from '../helpers/expect-stowage-error';
import { collect, tree } from './helpers/hostile-archives';

const MiB = 1024 * 1024;

describe(archiveDirectory, () => {
  let base: string;
  let src: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'stowage-pack-'));
    src = join(base, 'src');
    mkdirSync(join(src, 'sub'), { recursive: true });
    writeFileSync(join(src, 'a.txt'), 'alpha');
    writeFileSync(join(base, 'secret'), 'outside');
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  describe('when the folder holds symlinks', () => {
    it.each([
      ['an absolute link out', '/etc/hostname'],
      ['a relative link out', '../secret'],
      ['a link into a folder link that leads out', 'hop/secret'],
    ])('should refuse %s with ARCHIVE_SYMLINK_ESCAPES', async (_, target) => {
      symlinkSync('..', join(src, 'sub', 'up'));
      symlinkSync('sub/up/..', join(src, 'hop'));
      symlinkSync(target, join(src, 'sub', 'link'));
      await expectStowageRejection(
        archiveDirectory(src, 'zip'),
        ArchiveError,
        'ARCHIVE_SYMLINK_ESCAPES',
      );
    });

    it.each(ARCHIVE_FORMATS)(
      'should store links inside as plain files, skip folder links and extract no link (%s)',
      async (format) => {
        symlinkSync('../a.txt', join(src, 'sub', 'to-a'));
        symlinkSync('sub', join(src, 'to-sub'));
        symlinkSync('missing', join(src, 'dangling'));
        const out = join(base, 'out');
        const archive = await archiveDirectory(src, format);
        await extractArchive(Readable.from(archive.body), out, format);
        expect(tree(out)).toEqual({ 'a.txt': 'alpha', 'sub/': null, 'sub/to-a': 'alpha' });
      },
    );
  });

  describe('when a file is swapped for a link after the folder was listed', () => {
    it.each(ARCHIVE_FORMATS)(
      'should fail the stream with ARCHIVE_SOURCE_CHANGED (%s)',
      async (format) => {
        const archive = await archiveDirectory(src, format);
        unlinkSync(join(src, 'a.txt'));
        symlinkSync(join(base, 'secret'), join(src, 'a.txt'));
        const error = await expectStowageRejection(
          collect(archive.body),
          ArchiveError,
          'ARCHIVE_SOURCE_CHANGED',
        );
        expect(error.details['entry']).toBe('a.txt');
      },
    );

    it('should fail a tar whose file changed size with ARCHIVE_SOURCE_CHANGED', async () => {
      const archive = await archiveDirectory(src, 'tar');
      writeFileSync(join(src, 'a.txt'), 'alpha and more');
      await expectStowageRejection(collect(archive.body), ArchiveError, 'ARCHIVE_SOURCE_CHANGED');
    });
  });

  describe('when the folder would not unpack under the limits', () => {
    it('should refuse too many entries or bytes before reading a file', async () => {
      for (let i = 0; i < 5; i++) writeFileSync(join(src, `f${i}`), 'x');
      await expectStowageRejection(
        archiveDirectory(src, 'tar', { limits: { maxEntries: 4 } }),
        ArchiveError,
        'ARCHIVE_TOO_MANY_ENTRIES',
      );
      await expectStowageRejection(
        archiveDirectory(src, 'tar', { limits: { maxBytes: 6 } }),
        ArchiveError,
        'ARCHIVE_TOO_LARGE',
      );
    });

    it.each(['zip', 'tar.gz'] as const)(
      'should fail a %s that compresses past the ratio limit, and a tar of it should unpack',
      async (format) => {
        writeFileSync(join(src, 'zeros'), Buffer.alloc(8 * MiB));
        const limits = { maxRatio: 20, ratioGraceBytes: MiB };
        const archive = await archiveDirectory(src, format, { limits });
        await expectStowageRejection(collect(archive.body), ArchiveError, 'ARCHIVE_RATIO_TOO_HIGH');
        const tar = await archiveDirectory(src, 'tar', { limits });
        await extractArchive(Readable.from(tar.body), join(base, 'out'), 'tar', { limits });
      },
    );

    it.each(['zip', 'tar.gz'] as const)(
      'should unpack what it packed under the same tight limits (%s)',
      async (format) => {
        // 3 MB of random letters from 'abcd' (about 4:1): under a ratio of 6 past a 1 MiB grace
        // (larger than what the compressors hold back before emitting).
        let seed = 7;
        const text = Buffer.alloc(3_000_000, 0);
        for (let i = 0; i < text.length; i++) {
          seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
          text[i] = 97 + ((seed >>> 29) % 4);
        }
        writeFileSync(join(src, 'text'), text);
        const limits = { maxRatio: 6, ratioGraceBytes: MiB };
        const bytes = await collect((await archiveDirectory(src, format, { limits })).body);
        await extractArchive(Readable.from([bytes]), join(base, 'out'), format, { limits });
        expect(tree(join(base, 'out'))['text']).toBe(text.toString());
      },
      30_000,
    );
  });
});
