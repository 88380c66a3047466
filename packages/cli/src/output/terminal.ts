import type { OutputStream } from '../io';

/** How tables are drawn on stdout: decided once per command from the stream, env and flags. */
export interface TerminalStyle {
  /** Bold headers (ANSI escapes). */
  readonly color: boolean;
  /** The width tables must fit in, or `undefined` for no limit (off a terminal, or `--wide`). */
  readonly width: number | undefined;
  /** `--wide`: no column and no cell is ever cut. */
  readonly wide: boolean;
}

/** The flags that change {@link TerminalStyle}: `--color` / `--no-color` and `--wide`. */
export interface StyleFlags {
  /** `true` for `--color`, `false` for `--no-color`, `undefined` when neither was given. */
  readonly color?: boolean;
  readonly wide?: boolean;
}

/**
 * Whether to write colour (ANSI escapes) to `stream`.
 *
 * @remarks
 * First match wins: `--color` / `--no-color`; `FORCE_COLOR` (`0` or `false` turns colour off,
 * any other non-empty value turns it on even off a terminal, as Node reads it); `NO_COLOR` (any
 * non-empty value turns colour off); `TERM=dumb` (off); otherwise colour only on a terminal.
 * An empty variable counts as unset.
 */
export function colorEnabled(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
  flag?: boolean,
): boolean {
  if (flag !== undefined) return flag;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return stream.isTTY === true;
}

/**
 * The width tables on `stream` must fit in: `COLUMNS` (a positive whole number) when set, else
 * the terminal's own width; `undefined` off a terminal, where nothing is ever cut.
 */
export function terminalWidth(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
): number | undefined {
  if (stream.isTTY !== true) return undefined;
  const columns = Number(env['COLUMNS']);
  if (Number.isSafeInteger(columns) && columns > 0) return columns;
  return stream.columns !== undefined && stream.columns > 0 ? stream.columns : undefined;
}

/** The {@link TerminalStyle} of `stream` under `env` and the command-line flags. */
export function terminalStyle(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
  flags: StyleFlags = {},
): TerminalStyle {
  const wide = flags.wide === true;
  return {
    color: colorEnabled(stream, env, flags.color),
    width: wide ? undefined : terminalWidth(stream, env),
    wide,
  };
}

/** A cell's length limit: `max`, or no limit under `--wide`. */
export function cellLimit(style: TerminalStyle, max: number): number {
  return style.wide ? Infinity : max;
}
