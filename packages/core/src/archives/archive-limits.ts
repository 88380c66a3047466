import type { ErrorCode } from '../errors/error-codes';
import { ArchiveError } from '../errors/archive.error';

/** Limits that protect extraction (and packing) from archive bombs. */
export interface ArchiveLimits {
  /** Most entries (files and folders) an archive may hold. Default 250,000. */
  readonly maxEntries: number;
  /** Most bytes the extracted files may take in total. Default 16 GiB. */
  readonly maxBytes: number;
  /**
   * Most extracted bytes per archive byte read, past {@link ArchiveLimits.ratioGraceBytes}:
   * extraction stops once `written > maxRatio × read + ratioGraceBytes`. Default 100.
   */
  readonly maxRatio: number;
  /** Bytes any archive may expand to whatever its ratio. Default 64 MiB. */
  readonly ratioGraceBytes: number;
}

/** The default {@link ArchiveLimits}. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = Object.freeze({
  maxEntries: 250_000,
  maxBytes: 16 * 1024 ** 3,
  maxRatio: 100,
  ratioGraceBytes: 64 * 1024 ** 2,
});

/** The environment variable that sets each limit. */
export const ARCHIVE_LIMIT_VARIABLES: Readonly<Record<keyof ArchiveLimits, string>> = Object.freeze(
  {
    maxEntries: 'STOWAGE_ARCHIVE_MAX_ENTRIES',
    maxBytes: 'STOWAGE_ARCHIVE_MAX_BYTES',
    maxRatio: 'STOWAGE_ARCHIVE_MAX_RATIO',
    ratioGraceBytes: 'STOWAGE_ARCHIVE_RATIO_GRACE_BYTES',
  },
);

/**
 * The limits in force: `overrides`, else the `STOWAGE_ARCHIVE_*` variables of `env`, else the
 * defaults.
 *
 * @throws ArchiveError (`ARCHIVE_INVALID`) for a variable that is not a positive number.
 */
export function archiveLimits(
  overrides: Partial<ArchiveLimits> = {},
  env: NodeJS.ProcessEnv = process.env,
): ArchiveLimits {
  const out: Record<string, number> = {};
  for (const key of Object.keys(DEFAULT_ARCHIVE_LIMITS) as (keyof ArchiveLimits)[]) {
    const variable = ARCHIVE_LIMIT_VARIABLES[key];
    const raw = env[variable];
    const fromEnv = raw === undefined || raw === '' ? undefined : Number(raw);
    if (fromEnv !== undefined && !(fromEnv > 0)) {
      throw new ArchiveError(`${variable}=${raw} is not a positive number.`, {
        details: { variable, value: raw },
        fix: `Set ${variable} to a positive number, or unset it for the default (${DEFAULT_ARCHIVE_LIMITS[key]}).`,
      });
    }
    out[key] = overrides[key] ?? fromEnv ?? DEFAULT_ARCHIVE_LIMITS[key];
  }
  return Object.freeze(out) as unknown as ArchiveLimits;
}

function overLimit(
  where: string,
  code: ErrorCode,
  what: string,
  limit: keyof ArchiveLimits,
  value: number,
  limits: ArchiveLimits,
): ArchiveError {
  const variable = ARCHIVE_LIMIT_VARIABLES[limit];
  return new ArchiveError(
    `The archive ${where} ${what} (${limit} is ${limits[limit]}); it was refused at ${value}.`,
    {
      code,
      details: { where, limit, max: limits[limit], value, variable },
      fix: `If the archive is trusted, raise ${limit} (environment variable ${variable}, or the limits option of extractArchive/archiveDirectory), on the machines that pack and that unpack.`,
    },
  );
}

/** The most bytes an archive (or the tar inside a tar.gz) may take: data plus headers. @internal */
export function maxArchiveBytes(limits: ArchiveLimits): number {
  return limits.maxBytes + limits.maxEntries * 8192 + limits.ratioGraceBytes;
}

/**
 * Counts entries, archive bytes read and bytes written against the limits, throwing as soon as
 * one is passed. @internal
 */
export class LimitCounter {
  private entries = 0;
  private written = 0;
  private read = 0;

  constructor(
    readonly limits: ArchiveLimits,
    private readonly where: string,
  ) {}

  /** Counts one more entry. @throws ArchiveError (`ARCHIVE_TOO_MANY_ENTRIES`). */
  entry(): void {
    if (++this.entries > this.limits.maxEntries) {
      throw overLimit(
        this.where,
        'ARCHIVE_TOO_MANY_ENTRIES',
        `has more than ${this.limits.maxEntries} entries`,
        'maxEntries',
        this.entries,
        this.limits,
      );
    }
  }

  /**
   * Records that `total` archive bytes (as stored, compressed) have been read so far.
   *
   * @throws ArchiveError (`ARCHIVE_TOO_LARGE`) past {@link maxArchiveBytes}.
   */
  input(total: number): void {
    this.read = total;
    this.checkArchiveSize(total);
  }

  /**
   * Records that the archive's inner stream (the tar inside a tar.gz) has reached `total` bytes.
   *
   * @throws ArchiveError (`ARCHIVE_TOO_LARGE`, `ARCHIVE_RATIO_TOO_HIGH`).
   */
  expanded(total: number): void {
    this.checkArchiveSize(total);
    this.checkRatio(total, this.read);
  }

  /**
   * Counts bytes about to be written, before they are.
   *
   * @throws ArchiveError (`ARCHIVE_TOO_LARGE`, `ARCHIVE_RATIO_TOO_HIGH`).
   */
  add(bytes: number): void {
    this.written += bytes;
    this.checkBytes(this.written);
    this.checkRatio(this.written, this.read);
  }

  /**
   * Checks an entry's declared size before any of it is written.
   *
   * @throws ArchiveError (`ARCHIVE_TOO_LARGE`) when it would take the total over `maxBytes`.
   */
  declared(size: number): void {
    this.checkBytes(this.written + size);
  }

  /** @throws ArchiveError (`ARCHIVE_TOO_LARGE`) when `total` is over `maxBytes`. */
  checkBytes(total: number): void {
    if (total > this.limits.maxBytes) {
      throw overLimit(
        this.where,
        'ARCHIVE_TOO_LARGE',
        `expands to more than ${this.limits.maxBytes} bytes`,
        'maxBytes',
        total,
        this.limits,
      );
    }
  }

  private checkArchiveSize(total: number): void {
    const max = maxArchiveBytes(this.limits);
    if (total > max) {
      throw overLimit(
        this.where,
        'ARCHIVE_TOO_LARGE',
        `is itself larger than ${max} bytes (maxBytes + 8 KiB per entry + ratioGraceBytes)`,
        'maxBytes',
        total,
        this.limits,
      );
    }
  }

  /** @throws ArchiveError (`ARCHIVE_RATIO_TOO_HIGH`) when `out > maxRatio × in + grace`. */
  checkRatio(out: number, input: number): void {
    if (out > this.limits.maxRatio * input + this.limits.ratioGraceBytes) {
      throw overLimit(
        this.where,
        'ARCHIVE_RATIO_TOO_HIGH',
        `expands more than ${this.limits.maxRatio} times its size (${out} bytes from ${input})`,
        'maxRatio',
        out,
        this.limits,
      );
    }
  }
}
