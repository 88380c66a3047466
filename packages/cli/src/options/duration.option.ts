import { UsageError } from '../errors/usage.error';

const UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parses a duration given on the command line: `0`, `500ms`, `90s`, `30m`, `1h`, `1.5h`, `2d`.
 *
 * @returns milliseconds.
 * @throws UsageError for anything else (a bare number other than 0 is refused: its unit would
 * be a guess).
 */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (text.trim() === '0') return 0;
  const unit = match?.[2] === undefined ? undefined : UNITS[match[2]];
  if (match === null || unit === undefined) {
    throw new UsageError(`${flag} "${text}" is not a duration.`, {
      details: { flag, text },
      fix: `Write ${flag} with a unit: 0, 90s, 30m, 1h or 2d.`,
    });
  }
  return Math.round(Number(match[1]) * unit);
}
