import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { zipSync } from 'fflate';
import { create } from 'tar';
import { ArchiveError } from '../../src/errors/archive.error';
import { archiveDirectory, extractArchive } from '../../src/archives/directory-archive';
import {
  ARCHIVE_FORMATS,
  archiveFormatOf,
  type ArchiveFormat,
} from '../../src/archives/archive-format';

function tree(root: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      const rel = relative(root, full);
      if (e.isDirectory()) {
        out[`${rel}/`] = null;
        walk(full);
      } else out[rel] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of body) parts.push(c);
  return Buffer.concat(parts);
}

describe('directory archives', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'stowage-arch-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const makeSource = (): string => {
    const src = join(base, 'src');
    mkdirSync(join(src, 'nested/deeper'), { recursive: true });
    mkdirSync(join(src, 'empty'));
    writeFileSync(join(src, 'a.txt'), 'alpha');
    writeFileSync(join(src, 'empty.bin'), '');
    writeFileSync(join(src, 'nested/ünïcødé 🚀.txt'), 'x'.repeat(200_000));
    writeFileSync(join(src, 'nested/deeper/b.json'), '{"b":1}');
    symlinkSync('a.txt', join(src, 'link-to-a'));
    return src;
  };

  describe.each(ARCHIVE_FORMATS)('when archiving a folder as %s', (format: ArchiveFormat) => {
    it('should extract back to the same tree (symlinks inside stored as content)', async () => {
      const src = makeSource();
      const archive = await archiveDirectory(src, format);
      expect(archive.entryCount).toBe(8);
      const bytes = await collect(archive.body);
      const out = join(base, 'out');
      await extractArchive(Readable.from([bytes]), out, format);
      expect(tree(out)).toEqual({ ...tree(src), 'link-to-a': 'alpha' });
    });
  });

  describe('when a folder holds a symlink pointing outside it', () => {
    it('should refuse to archive it with ARCHIVE_SYMLINK_ESCAPES', async () => {
      const src = makeSource();
      symlinkSync('/etc/hostname', join(src, 'escape'));
      await expect(archiveDirectory(src, 'zip')).rejects.toMatchObject({
        code: 'ARCHIVE_SYMLINK_ESCAPES',
      });
    });
  });

  describe('when extracting an unsafe zip', () => {
    it.each([['../evil.txt'], ['/abs.txt'], ['a/../../evil.txt'], ['C:/x.txt'], ['a\\..\\..\\x']])(
      'should refuse %s with ARCHIVE_ENTRY_ESCAPES and leave nothing behind',
      async (name) => {
        const bytes = zipSync({ 'ok.txt': new Uint8Array([1]), [name]: new Uint8Array([2]) });
        const out = join(base, 'deep', 'out');
        const err = await extractArchive(Readable.from([Buffer.from(bytes)]), out, 'zip').catch(
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(ArchiveError);
        expect(err).toMatchObject({ code: 'ARCHIVE_ENTRY_ESCAPES' });
        expect(existsSync(out)).toBe(false);
        expect(existsSync(join(base, 'deep', 'evil.txt'))).toBe(false);
        expect(existsSync(join(base, 'evil.txt'))).toBe(false);
      },
    );
  });

  describe('when extracting an unsafe tar', () => {
    it('should refuse a ../ entry', async () => {
      const dir = join(base, 'pkg', 'inner');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(base, 'pkg', 'outside.txt'), 'x');
      const bytes = await collect(create({ cwd: dir, preservePaths: true }, ['../outside.txt']));
      const out = join(base, 'out');
      await expect(extractArchive(Readable.from([bytes]), out, 'tar')).rejects.toMatchObject({
        code: 'ARCHIVE_ENTRY_ESCAPES',
      });
      expect(existsSync(out)).toBe(false);
    });

    it('should refuse a symlink (links are never extracted) with ARCHIVE_LINK_ENTRY', async () => {
      const dir = join(base, 'pkg');
      mkdirSync(dir);
      symlinkSync('/etc/hostname', join(dir, 'bad'));
      symlinkSync('../../x', join(dir, 'bad2'));
      for (const name of ['bad', 'bad2']) {
        const bytes = await collect(create({ cwd: dir, gzip: true }, [name]));
        const out = join(base, `out-${name}`);
        await expect(extractArchive(Readable.from([bytes]), out, 'tar.gz')).rejects.toMatchObject({
          code: 'ARCHIVE_LINK_ENTRY',
        });
        expect(existsSync(out)).toBe(false);
      }
    });
  });

  describe('when an archive is over the limits', () => {
    it.each(ARCHIVE_FORMATS)(
      'should refuse too many entries and too many bytes (%s)',
      async (format) => {
        const bytes = await collect((await archiveDirectory(makeSource(), format)).body);
        await expect(
          extractArchive(Readable.from([bytes]), join(base, 'o1'), format, {
            limits: { maxEntries: 3, maxBytes: 1e9 },
          }),
        ).rejects.toMatchObject({ code: 'ARCHIVE_TOO_MANY_ENTRIES' });
        await expect(
          extractArchive(Readable.from([bytes]), join(base, 'o2'), format, {
            limits: { maxEntries: 100, maxBytes: 1000 },
          }),
        ).rejects.toMatchObject({ code: 'ARCHIVE_TOO_LARGE' });
        expect(existsSync(join(base, 'o1'))).toBe(false);
        expect(existsSync(join(base, 'o2'))).toBe(false);
      },
    );
  });

  describe('when an archive is truncated or garbage', () => {
    it.each(ARCHIVE_FORMATS)('should throw an ArchiveError (%s)', async (format) => {
      const bytes = await collect((await archiveDirectory(makeSource(), format)).body);
      const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
      const err = await extractArchive(Readable.from([cut]), join(base, 'o'), format).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ArchiveError);
      expect(existsSync(join(base, 'o'))).toBe(false);
    });
  });
});

describe(archiveFormatOf, () => {
  describe('when given a name or a file extension', () => {
    it('should find the format or throw ARCHIVE_UNSUPPORTED_FORMAT', () => {
      expect(archiveFormatOf('tar')).toBe('tar');
      expect(archiveFormatOf(undefined, 'x.TGZ')).toBe('tar.gz');
      expect(archiveFormatOf(undefined, 'x.zip')).toBe('zip');
      expect(() => archiveFormatOf('rar')).toThrow(
        expect.objectContaining({ code: 'ARCHIVE_UNSUPPORTED_FORMAT' }),
      );
    });
  });
});
