import { StowageError } from '@stowage/core';
import { UsageError } from './usage.error';

/** Exit code for a command that failed while doing its work (a failed run, a missing artifact). */
export const EXIT_FAILURE = 1;
/** Exit code for a command line that is wrong (unknown flag, malformed argument). */
export const EXIT_USAGE = 2;

/**
 * Renders an error as the one line the CLI prints: what failed, then how to fix it.
 *
 * @remarks
 * Multi-line messages are joined with spaces so scripts can `grep` one line. The stack trace and
 * the chain of causes are printed only with `--debug` (see {@link errorDetails}).
 */
export function errorLine(error: unknown): string {
  if (StowageError.is(error)) {
    const what = firstPart(error.message, error.fix);
    const fix = error.fix === undefined ? '' : ` How to fix: ${oneLine(error.fix)}`;
    return `stowage: ${ensurePeriod(oneLine(what))}${fix}`;
  }
  const text = error instanceof Error ? error.message : String(error);
  return `stowage: ${ensurePeriod(oneLine(text))} Run again with --debug to see the stack trace.`;
}

/** The chain of causes and the stack trace of each error in it, printed after the line with `--debug`. */
export function errorDetails(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = [StowageError.is(error) ? error.describe() : `${error.name}: ${error.message}`];
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

function firstPart(message: string, fix: string | undefined): string {
  if (fix === undefined) return message;
  const at = message.lastIndexOf('\n  How to fix:');
  return at < 0 ? message : message.slice(0, at);
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
