#!/usr/bin/env node
// Runs jest with TMPDIR pointed at a fresh private folder, then fails the run if anything was left
// in it: the whole test suite (and every child process it spawns) must leave the temp directory as
// it found it. Arguments are passed to jest unchanged.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stowage-test-tmp-'));
const jest = require.resolve('jest/bin/jest');
const child = spawn(process.execPath, [jest, ...process.argv.slice(2)], {
  stdio: 'inherit',
  // ts-node (which loads jest.config.ts) would keep a compile cache in TMPDIR: not a test's file.
  env: { ...process.env, TMPDIR: tmp, DISABLE_V8_COMPILE_CACHE: '1' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));

child.on('exit', (code, signal) => {
  const left = fs.readdirSync(tmp);
  fs.rmSync(tmp, { recursive: true, force: true });
  if (left.length > 0) {
    const shown = left.slice(0, 20).join('\n  ');
    const more = left.length > 20 ? `\n  … and ${left.length - 20} more` : '';
    console.error(
      `\nThe tests left ${left.length} entries in the temporary directory:\n  ${shown}${more}\n` +
        'Every test (and the code under test) must remove what it creates there.',
    );
    process.exit(code || 1);
  }
  process.exit(signal ? 1 : (code ?? 1));
});
