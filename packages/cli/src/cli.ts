import { CommanderError } from 'commander';
import type { Command } from 'commander';
import { failureJson } from './errors/error-json';
import { errorDetails, errorLine, exitCodeOf, EXIT_USAGE } from './errors/error-line';
import { UsageError } from './errors/usage.error';
import { installedVersions, renderVersions } from './installed-versions';
import type { CliIo } from './io';
import { createProgram } from './program';

/**
 * Runs the `stowage` command line and resolves to its exit code (it never calls `process.exit`).
 *
 * @remarks
 * Any failure is printed on stderr as ONE line — what went wrong and how to fix it — then one
 * indented line per cause, and maps to exit code 1 (the work failed) or 2 (the command line is
 * wrong). `--debug` adds the stack traces. With `--json` the failure is instead one JSON object
 * on one line of stderr (code, message, fix, details, exitCode, and the causes under `cause`);
 * the exit code is the same.
 *
 * @example
 * ```ts
 * const code = await runCli(['runs', '--json'], processIo());
 * ```
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError)
      return commanderExit(error, commandOf(program, args), args, io);
    return printFailure(error, exitCodeOf(error), args, io);
  }
}

/** Prints a failure as text (or as one JSON object under `--json`) and returns its exit code. */
function printFailure(error: unknown, code: number, args: readonly string[], io: CliIo): number {
  const debug = hasFlag(args, '--debug');
  if (hasFlag(args, '--json')) {
    io.stderr.write(`${failureJson(error, code, debug)}\n`);
    return code;
  }
  io.stderr.write(`${errorLine(error)}\n`);
  if (debug) io.stderr.write(`${errorDetails(error)}\n`);
  return code;
}

/** True when `flag` is on the command line before any `--` (after it, words are arguments). */
function hasFlag(args: readonly string[], flag: string): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).includes(flag);
}

function commanderExit(
  error: CommanderError,
  command: string | undefined,
  args: readonly string[],
  io: CliIo,
): number {
  if (error.code === 'commander.version') {
    const packages = installedVersions();
    io.stdout.write(
      hasFlag(args, '--json')
        ? `${JSON.stringify(Object.fromEntries(packages.map((p) => [p.name, p.version])), null, 2)}\n`
        : renderVersions(packages),
    );
    return 0;
  }
  // Help was printed by commander: that is not a failure.
  if (
    error.exitCode === 0 ||
    error.code === 'commander.help' ||
    error.code === 'commander.helpDisplayed'
  )
    return error.exitCode;
  const what = error.message.replace(/^error:\s*/, '');
  const usage = new UsageError(what, {
    code: 'CLI_USAGE_INVALID',
    details: { commander: error.code },
    fix: usageFix(error.code, command),
  });
  return printFailure(usage, EXIT_USAGE, args, io);
}

/** The subcommand named on the command line (`runs`, `get`, …), if any. */
function commandOf(program: Command, args: readonly string[]): string | undefined {
  const names = new Set(program.commands.map((c) => c.name()));
  return args.find((a) => names.has(a));
}

function usageFix(code: string, command: string | undefined): string {
  const help =
    command === undefined || code === 'commander.unknownCommand'
      ? 'stowage --help'
      : `stowage ${command} --help`;
  if (code === 'commander.unknownCommand') return `Run ${help} to list the commands.`;
  if (code === 'commander.unknownOption') return `Run ${help} to list its options.`;
  return `Run ${help} for the usage.`;
}
