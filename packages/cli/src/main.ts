#!/usr/bin/env node
import { runCli } from './cli';
import { processIo } from './io';

// Exit as soon as the command is done (once stdout is flushed), even if a handler left timers or
// sockets open: the run is already recorded, and a CLI that hangs after printing is a bug.
void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
  process.stdout.write('', () => process.exit(code));
});
