#!/usr/bin/env node
import { runCli } from './cli';
import { processIo } from './io';

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
