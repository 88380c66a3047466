import { StowageError, errorSummary } from '@stowage/core';
import { UsageError } from './usage.error';

/** Exit code for a command that failed while doing its work (a failed run, a missing artifact). */
export const EXIT_FAILURE = 1;
/** Exit code for a command line that is wrong (unknown flag, malformed argument). */
export const EXIT_USAGE = 2;

/**
 * Renders an error as the CLI prints it: one line with what failed and how to fix it, then one
 * indented line per cause (what failed there, and its own fix).
 *
 * @remarks
 * Multi-line texts are joined with spaces so each level stays one line and scripts can `grep`
 * the first. The stack traces are printed only with `--debug` (see {@link errorDetails}).
 */
export function errorLine(error: unknown): string {
  const lines = [`stowage: ${levelText(error, true)}`];
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 1; cause !== undefined && depth < 10; depth++) {
    lines.push(`${'  '.repeat(depth)}caused by ${levelText(cause, false)}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return lines.join('\n');
}

function levelText(error: unknown, top: boolean): string {
  const what = ensurePeriod(oneLine(errorSummary(error)));
  if (StowageError.is(error)) {
    const fix = error.fix === undefined ? '' : ` How to fix: ${oneLine(error.fix)}`;
    return `${top ? '' : `${error.name} [${error.code}]: `}${what}${fix}`;
  }
  const name = error instanceof Error && !top ? `${error.name}: ` : '';
  const debug = top ? ' Run again with --debug to see the stack trace.' : '';
  return `${name}${what}${debug}`;
}

/** The stack trace of the error and of each cause in its chain, printed after it with `--debug`. */
export function errorDetails(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 10; depth++, current = current.cause) {
    const frames = (current.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    if (frames.length > 0)
      lines.push(`stack of ${current.name}${depth === 0 ? '' : ` (cause ${depth})`}:`, ...frames);
  }
  return lines.join('\n');
}

/** The exit code for an error: {@link EXIT_USAGE} for usage errors, else {@link EXIT_FAILURE}. */
export function exitCodeOf(error: unknown): number {
  return UsageError.is(error) ? EXIT_USAGE : EXIT_FAILURE;
}

function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join(' ');
}

function ensurePeriod(text: string): string {
  return /[.!?:]$/.test(text) ? text : `${text}.`;
}
