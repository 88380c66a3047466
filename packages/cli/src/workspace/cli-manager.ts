import { PackagersManager } from '@stowage/core';
import type { PackagersManagerOptions, WarningSink } from '@stowage/core';
import type { CliIo } from '../io';

/** Warnings from packagers and the manager, printed on stderr as `stowage: warning: …`. */
export function stderrWarnings(io: CliIo): WarningSink {
  return {
    warn: (message) => void io.stderr.write(`stowage: warning: ${message.split('\n').join(' ')}\n`),
  };
}

/**
 * A manager as the CLI uses it: builtins, every `@Packager` imported so far (`--require`, the
 * handler's module), and the custom packagers configured for the working directory.
 */
export function cliManager(io: CliIo, options: PackagersManagerOptions = {}): PackagersManager {
  return new PackagersManager({ projectRoot: io.cwd, warnings: stderrWarnings(io), ...options });
}
