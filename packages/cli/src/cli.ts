import { CommanderError } from 'commander';
import type { Command } from 'commander';
import { errorDetails, errorLine, exitCodeOf, EXIT_USAGE } from './errors/error-line';
import { UsageError } from './errors/usage.error';
import type { CliIo } from './io';
import { createProgram } from './program';

/**
 * Runs the `stowage` command line and resolves to its exit code (it never calls `process.exit`).
 *
 * @remarks
 * Any failure is printed as ONE line on stderr — what went wrong and how to fix it — and maps to
 * exit code 1 (the work failed) or 2 (the command line is wrong). `--debug` adds the stack trace
 * and the chain of causes.
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
    if (error instanceof CommanderError) return commanderExit(error, commandOf(program, args), io);
    io.stderr.write(`${errorLine(error)}\n`);
    if (args.includes('--debug')) io.stderr.write(`${errorDetails(error)}\n`);
    return exitCodeOf(error);
  }
}

function commanderExit(error: CommanderError, command: string | undefined, io: CliIo): number {
  // Help and version were printed by commander: those are not failures.
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
  io.stderr.write(`${errorLine(usage)}\n`);
  return EXIT_USAGE;
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
