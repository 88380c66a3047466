import { CommanderError } from 'commander';
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
    if (error instanceof CommanderError) return commanderExit(error, args, io);
    io.stderr.write(`${errorLine(error)}\n`);
    if (args.includes('--debug')) io.stderr.write(`${errorDetails(error)}\n`);
    return exitCodeOf(error);
  }
}

function commanderExit(error: CommanderError, args: readonly string[], io: CliIo): number {
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
    fix: usageFix(error.code, args),
  });
  io.stderr.write(`${errorLine(usage)}\n`);
  return EXIT_USAGE;
}

function usageFix(code: string, args: readonly string[]): string {
  const command = args.find((a) => !a.startsWith('-'));
  const help =
    command === undefined || code === 'commander.unknownCommand'
      ? 'stowage --help'
      : `stowage ${command} --help`;
  if (code === 'commander.unknownCommand') return `Run ${help} to list the commands.`;
  if (code === 'commander.unknownOption') return `Run ${help} to list its options.`;
  return `Run ${help} for the usage.`;
}
