/** A writable text stream the CLI prints to (a TTY or a pipe). */
export interface OutputStream {
  write(text: string): unknown;
  /** True when the stream is a terminal: tables get colour and progress bars are drawn. */
  readonly isTTY?: boolean;
  /** Terminal width, when the stream is a terminal. */
  readonly columns?: number;
}

/**
 * What the CLI reads from and writes to, so the same code runs in the binary and in tests.
 *
 * @remarks
 * The binary passes `process.stdout`, `process.stderr`, `process.env` and `process.cwd()`.
 * Results go to `stdout`; errors, warnings and progress bars go to `stderr`.
 */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** The {@link CliIo} of the running process. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
