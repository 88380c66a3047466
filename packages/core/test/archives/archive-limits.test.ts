import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { constants, crc32, deflateRawSync, gzipSync } from 'node:zlib';
import {
  archiveLimits,
  DEFAULT_ARCHIVE_LIMITS,
  type ArchiveLimits,
} from '../../src/archives/archive-limits';
import type { ArchiveFormat } from '../../src/archives/archive-format';
import { extractArchive } from '../../src/archives/directory-archive';
import { ArchiveError } from '../../src/errors/archive.error';
import { expectStowageError, expectStowageRejection } from '../helpers/expect-stowage-error';
import {
  eventLoopProbe,
  tarArchive,
  tarHeader,
  zeroDeflate,
  zipArchive,
} from './helpers/hostile-archives';

const MiB = 1024 * 1024;

function zeroCrc(mib: number): number {
  return crc32(Buffer.alloc(mib * MiB));
}
const GiB = 1024 * MiB;

/** A zip of one file declared as `mib` MiB of zeros (about 1 KiB per MiB). */
function zipBomb(mib: number): Buffer {
  return zipArchive([{ name: 'zeros', raw: zeroDeflate(mib), size: mib * MiB, crc: 0 }]);
}

/** A tar.gz of one file of `mib` MiB of zeros, built without inflating it. */
function tarGzBomb(mib: number): Buffer {
  const head = deflateRawSync(tarHeader({ name: 'zeros', size: mib * MiB }), {
    finishFlush: constants.Z_FULL_FLUSH,
  });
  const gzipHeader = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  return Buffer.concat([gzipHeader, head, zeroDeflate(mib), Buffer.alloc(8)]);
}

const bombs: Record<'zip' | 'tar.gz', (mib: number) => Buffer> = {
  zip: zipBomb,
  'tar.gz': tarGzBomb,
};

/** Figures reported at the end, for the notes. */
const figures: string[] = [];

describe('archive limits', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'stowage-limits-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));
  afterAll(() => {
    console.log(figures.join('\n'));
  });

  async function refusedWhileMeasured(
    bytes: Buffer,
    format: ArchiveFormat,
    code: string,
    limits: Partial<ArchiveLimits> = {},
  ): Promise<{ error: ArchiveError; ms: number; delay: number; turns: number; rss: number }> {
    const out = join(base, 'out');
    const probe = eventLoopProbe();
    const rssBefore = process.memoryUsage().rss;
    let rss = rssBefore;
    const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 5);
    const started = performance.now();
    let error: ArchiveError;
    let loop: { delay: number; turns: number };
    try {
      error = await expectStowageRejection(
        extractArchive(Readable.from([bytes]), out, format, { limits }),
        ArchiveError,
        code,
      );
    } finally {
      clearInterval(sampler);
      loop = probe.stop();
    }
    const ms = performance.now() - started;
    expect(readdirSync(base)).toEqual([]);
    return { error, ms, ...loop, rss: rss - rssBefore };
  }

  describe.each(['zip', 'tar.gz'] as const)(
    'when a %s bomb of 1 GiB of zeros is extracted',
    (format) => {
      it('should refuse it under the defaults by its ratio, without blocking the event loop', async () => {
        const bytes = bombs[format](1024);
        const { error, ms, delay, turns, rss } = await refusedWhileMeasured(
          bytes,
          format,
          'ARCHIVE_RATIO_TOO_HIGH',
        );
        const max =
          DEFAULT_ARCHIVE_LIMITS.maxRatio * bytes.length + DEFAULT_ARCHIVE_LIMITS.ratioGraceBytes;
        expect(error.details).toMatchObject({
          limit: 'maxRatio',
          variable: 'STOWAGE_ARCHIVE_MAX_RATIO',
        });
        expect(error.details['value']).toBeLessThanOrEqual(max + 64 * 1024);
        expect(error.message).toContain('STOWAGE_ARCHIVE_MAX_RATIO');
        figures.push(
          `${format} 1 GiB bomb (${bytes.length} bytes), defaults: refused after ${Math.round(ms)} ms at ${Number(error.details['value'])} bytes, ` +
            `${Math.round((Number(error.details['value']) / MiB / ms) * 1000)} MiB/s, max event-loop delay ${Math.round(delay)} ms, ${turns} timer turns, RSS +${Math.round(rss / MiB)} MiB`,
        );
        // A 5 ms timer kept firing while the bomb was inflated (a blocking inflate lets it fire
        // once at most; refusing 173 MB takes well over 25 ms on any machine).
        expect(turns).toBeGreaterThanOrEqual(5);
        expect(rss).toBeLessThan(128 * MiB);
      }, 60_000);

      it('should refuse it at once with maxBytes 100 MiB', async () => {
        const { error, ms, rss } = await refusedWhileMeasured(
          bombs[format](1024),
          format,
          'ARCHIVE_TOO_LARGE',
          {
            maxBytes: 100 * MiB,
          },
        );
        expect(error.details).toMatchObject({ limit: 'maxBytes', max: 100 * MiB });
        figures.push(
          `${format} 1 GiB bomb, maxBytes 100 MiB: refused after ${Math.round(ms)} ms, RSS +${Math.round(rss / MiB)} MiB`,
        );
        expect(rss).toBeLessThan(128 * MiB);
      });

      it('should refuse the entry that would pass maxBytes before writing it', async () => {
        // Three 40 MiB entries: each fits, together they do not.
        const entries = [0, 1, 2].map((i) => ({ name: `z${i}`, mib: 40 }));
        const bytes =
          format === 'zip'
            ? zipArchive(
                entries.map((e) => ({
                  name: e.name,
                  raw: zeroDeflate(e.mib),
                  size: e.mib * MiB,
                  crc: zeroCrc(e.mib),
                })),
              )
            : tarGzBomb(40);
        const { error } = await refusedWhileMeasured(bytes, format, 'ARCHIVE_TOO_LARGE', {
          maxBytes: format === 'zip' ? 100 * MiB : 30 * MiB,
          ratioGraceBytes: GiB,
        });
        expect(error.details['limit']).toBe('maxBytes');
      }, 60_000); // writes 80 MiB before the refusal: seconds on a loaded machine
    },
  );

  describe('when an archive has more entries than allowed', () => {
    it.each(['zip', 'tar', 'tar.gz'] as const)(
      'should refuse the entry past the limit (%s)',
      async (format) => {
        const specs = Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, data: 'x' }));
        const tar = tarArchive(specs);
        const bytes = format === 'zip' ? zipArchive(specs) : format === 'tar' ? tar : gzipSync(tar);
        const { error } = await refusedWhileMeasured(bytes, format, 'ARCHIVE_TOO_MANY_ENTRIES', {
          maxEntries: 10,
        });
        expect(error.details).toMatchObject({ limit: 'maxEntries', max: 10, value: 11 });
      },
    );
  });
});

describe(archiveLimits, () => {
  describe('when STOWAGE_ARCHIVE_* variables are set', () => {
    it('should use them unless an override is given', () => {
      const env = { STOWAGE_ARCHIVE_MAX_BYTES: '1000', STOWAGE_ARCHIVE_MAX_RATIO: '7' };
      expect(archiveLimits({}, env)).toEqual({
        ...DEFAULT_ARCHIVE_LIMITS,
        maxBytes: 1000,
        maxRatio: 7,
      });
      expect(archiveLimits({ maxBytes: 5 }, env).maxBytes).toBe(5);
      expect(archiveLimits({}, {})).toEqual(DEFAULT_ARCHIVE_LIMITS);
    });

    it('should refuse a value that is not a positive number with ARCHIVE_INVALID', () => {
      const error = expectStowageError(
        () => archiveLimits({}, { STOWAGE_ARCHIVE_MAX_ENTRIES: 'lots' }),
        ArchiveError,
        'ARCHIVE_INVALID',
      );
      expect(error.message).toContain('STOWAGE_ARCHIVE_MAX_ENTRIES');
    });
  });

  describe('when nothing is set', () => {
    it('should protect a worker: 250,000 entries, 16 GiB, ratio 100 past 64 MiB', () => {
      expect(archiveLimits({}, {})).toEqual({
        maxEntries: 250_000,
        maxBytes: 16 * GiB,
        maxRatio: 100,
        ratioGraceBytes: 64 * MiB,
      });
    });
  });
});
