// Public API of @stowage/cli: run the command line from code (tests, wrappers). No side effects.
export { runCli } from './cli';
export { createProgram } from './program';
export { processIo } from './io';
export type { CliIo, OutputStream } from './io';
export { UsageError } from './errors/usage.error';
export { CLI_VERSION } from './version';
export { CliError } from './errors/cli.error';
export type { CliErrorInit } from './errors/cli.error';
export { CLI_ERROR_CODES } from './errors/cli-error-codes';
export type { CliErrorCode, CliErrorCodes } from './errors/cli-error-codes';
