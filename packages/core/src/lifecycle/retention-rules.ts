import { LifecycleError } from '../errors/lifecycle.error';
import { quoteInput } from '../errors/input-guard';

/**
 * Which versions retention keeps; a version any rule keeps is kept.
 *
 * @remarks
 * Versions a named tag points at or a kept run read are never deleted by retention, whichever
 * rules are given (`tagged` only makes that explicit in the plan).
 */
export interface RetentionRules {
  /** Keep the newest N versions of each key (N ≥ 1). */
  readonly last?: number;
  /** Keep versions a named tag points at. */
  readonly tagged: boolean;
  /** Keep versions younger than this many milliseconds. */
  readonly youngerThanMs?: number;
}

const UNITS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

const SYNTAX = 'last=N (N ≥ 1), tagged, younger=DURATION (like 12h, 30d, 2w), separated by commas';

function invalid(text: string, problem: string): LifecycleError {
  return new LifecycleError(`The retention rules ${quoteInput(text)} are invalid: ${problem}.`, {
    code: 'LIFECYCLE_RETENTION_INVALID',
    details: { rules: text, problem },
    fix: `Write the rules as ${SYNTAX}; for example last=5,tagged,younger=30d.`,
  });
}

function duration(text: string, value: string): number {
  const m = /^(\d{1,6})([smhdw])$/.exec(value);
  if (m === null) throw invalid(text, `younger=${value} is not a duration like 12h, 30d or 2w`);
  return Number(m[1]) * (UNITS[m[2] as string] as number);
}

/**
 * Parses retention rules such as `last=5,tagged,younger=30d`.
 *
 * @remarks
 * Rules are separated by commas, spaces around them are ignored, each rule may appear once and
 * at least one is needed (retention without a rule would delete every unprotected version).
 * Durations are a whole number followed by `s`, `m`, `h`, `d` or `w`.
 * @throws LifecycleError (`LIFECYCLE_RETENTION_INVALID`) naming the wrong part.
 */
export function parseRetentionRules(text: string): RetentionRules {
  if (typeof text !== 'string' || text.trim() === '') throw invalid(String(text), 'no rule given');
  const seen = new Set<string>();
  let last: number | undefined;
  let tagged = false;
  let youngerThanMs: number | undefined;
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const [name = '', value, extra] = part.split('=').map((s) => s.trim());
    if (seen.has(name)) throw invalid(text, `the rule "${name}" is given twice`);
    seen.add(name);
    if (extra !== undefined) throw invalid(text, `"${part}" has more than one "="`);
    if (name === 'last') {
      if (value === undefined || !/^[1-9]\d{0,8}$/.test(value))
        throw invalid(text, `last needs a whole number of versions, 1 or more (got "${part}")`);
      last = Number(value);
    } else if (name === 'tagged') {
      if (value !== undefined) throw invalid(text, `tagged takes no value (got "${part}")`);
      tagged = true;
    } else if (name === 'younger') {
      if (value === undefined) throw invalid(text, 'younger needs a duration, like younger=30d');
      youngerThanMs = duration(text, value);
    } else {
      throw invalid(text, `"${part}" is not a rule (rules: last, tagged, younger)`);
    }
  }
  return {
    tagged,
    ...(last === undefined ? {} : { last }),
    ...(youngerThanMs === undefined ? {} : { youngerThanMs }),
  };
}

/** The rules written back in the syntax {@link parseRetentionRules} reads. */
export function formatRetentionRules(rules: RetentionRules): string {
  const parts: string[] = [];
  if (rules.last !== undefined) parts.push(`last=${rules.last}`);
  if (rules.tagged) parts.push('tagged');
  if (rules.youngerThanMs !== undefined) {
    const unit = (['w', 'd', 'h', 'm', 's'] as const).find(
      (u) => rules.youngerThanMs! % (UNITS[u] as number) === 0,
    );
    parts.push(`younger=${rules.youngerThanMs / (UNITS[unit ?? 's'] as number)}${unit ?? 's'}`);
  }
  return parts.join(',');
}
