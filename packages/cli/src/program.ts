import { Command, CommanderError } from 'commander';
import { registerArtifactsCommands } from './commands/artifacts.command';
import { registerExplainCommand } from './commands/explain.command';
import { registerCpCommand } from './commands/cp.command';
import { registerDeleteCommand } from './commands/delete.command';
import { registerGcCommand } from './commands/gc.command';
import { registerMigrateCommand } from './commands/migrate.command';
import { registerGetCommand } from './commands/get.command';
import { registerPackagersCommand } from './commands/packagers.command';
import { registerRunCommand } from './commands/run.command';
import { registerRunsCommands } from './commands/runs.command';
import { registerTagCommand } from './commands/tag.command';
import { registerWorkerCommand } from './commands/worker.command';
import { registerUiCommand } from './commands/ui.command';
import { addGlobalOptions } from './context';
import type { CliIo } from './io';

/**
 * Builds the `stowage` command tree (commander), writing to `io`.
 *
 * @remarks
 * Commander's own error printing and `process.exit` are turned off: it throws instead, and
 * {@link runCli} prints one line per error. Help goes to stdout. `--version` throws a
 * `CommanderError` with code `commander.version`, on which {@link runCli} prints the version of
 * every installed Stowage package.
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('stowage')
    .description('Run handlers and look at the runs and artifacts Stowage logged.')
    .option('-V, --version', 'print the versions of the installed Stowage packages')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => undefined,
      getOutHelpWidth: () => io.stdout.columns ?? 100,
      getErrHelpWidth: () => io.stderr.columns ?? 100,
    });
  program.on('option:version', () => {
    // runCli prints the versions (as text, or JSON when --json is anywhere on the line).
    throw new CommanderError(0, 'commander.version', 'stowage --version');
  });
  addGlobalOptions(program);
  registerRunCommand(program, io);
  registerRunsCommands(program, io);
  registerArtifactsCommands(program, io);
  registerGetCommand(program, io);
  registerPackagersCommand(program, io);
  registerExplainCommand(program, io);
  registerGcCommand(program, io);
  registerMigrateCommand(program, io);
  registerTagCommand(program, io);
  registerDeleteCommand(program, io);
  registerCpCommand(program, io);
  registerWorkerCommand(program, io);
  registerUiCommand(program, io);
  return program;
}
