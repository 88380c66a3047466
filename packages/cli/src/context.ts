import type { Command } from 'commander';
import { collect } from './options/key-value.option';
import { loadModules } from './loading/module-loader';
import { parseModuleRef } from './loading/module-ref';
import { Printer } from './output/printer';
import { terminalStyle, type TerminalStyle } from './output/terminal';
import type { CliIo } from './io';

/** The options every command accepts (declared once, on the root command). */
export interface GlobalOptions {
  readonly store?: string;
  readonly json?: boolean;
  readonly debug?: boolean;
  readonly require?: readonly string[];
  /** `--color` (true) or `--no-color` (false); undefined when neither is given. */
  readonly color?: boolean;
  readonly wide?: boolean;
}

/** What a command's action receives besides its own arguments and options. */
export interface CommandContext {
  readonly io: CliIo;
  readonly printer: Printer;
  readonly globals: GlobalOptions;
  /** How tables on stdout are drawn (colour, width, `--wide`). */
  readonly style: TerminalStyle;
}

/** Declares the global options on the root command. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option(
      '--store <path|url>',
      'store to use: a directory or s3://bucket/prefix (env STOWAGE_STORE; default ./.stowage)',
    )
    .option('--json', 'print JSON for scripts instead of tables')
    .option('--debug', 'print stack traces and causes of errors')
    .option('--wide', 'never cut table columns or values to fit the terminal')
    .option('--color', 'bold table headers even off a terminal (overrides NO_COLOR, FORCE_COLOR)')
    .option('--no-color', 'no ANSI escapes (also NO_COLOR=1 or FORCE_COLOR=0)')
    .option(
      '-r, --require <module>',
      'import a module first, e.g. one that defines packagers (repeatable)',
      collect,
    );
}

/**
 * Wraps a command's action: builds its {@link CommandContext} and imports `--require` modules.
 *
 * @remarks
 * Commander calls actions as `(...arguments, options, command)`; the wrapper passes the
 * positional arguments, the command's own options and the context.
 */
export function action<Args extends unknown[], Opts>(
  io: CliIo,
  fn: (ctx: CommandContext, opts: Opts, ...args: Args) => Promise<void>,
): (...raw: unknown[]) => Promise<void> {
  return async (...raw: unknown[]) => {
    const command = raw[raw.length - 1] as Command;
    const opts = raw[raw.length - 2] as Opts;
    const args = raw.slice(0, -2) as Args;
    const globals = command.optsWithGlobals<GlobalOptions>();
    await loadModules((globals.require ?? []).map((text) => parseModuleRef(text, io.cwd)));
    const style = terminalStyle(io.stdout, io.env, {
      ...(globals.color !== undefined ? { color: globals.color } : {}),
      ...(globals.wide !== undefined ? { wide: globals.wide } : {}),
    });
    await fn(
      { io, printer: new Printer(io, globals.json === true), globals, style },
      opts,
      ...args,
    );
  };
}
