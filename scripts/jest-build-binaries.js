// Jest globalSetup of the projects whose tests drive built programs (the `stowage` CLI and the
// demo pipeline run as child processes, exactly as users run them). It brings their `dist/` up to
// date with `tsc -b` (incremental: a no-op when nothing changed), so `npm test` passes right after
// `npm ci` on a fresh clone, with no build first.
'use strict';
const path = require('path');
const { spawnSync } = require('child_process');

const repoRoot = path.resolve(__dirname, '..');
const PROJECTS = ['packages/cli', 'examples/pipeline', 'packages/bullmq'];

module.exports = function buildBinaries() {
  const tsc = require.resolve('typescript/bin/tsc');
  const started = Date.now();
  const result = spawnSync(process.execPath, [tsc, '-b', ...PROJECTS], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `Building ${PROJECTS.join(' and ')} for their tests failed (tsc -b exited ${String(result.status)}):\n` +
        `${result.stdout}${result.stderr}\nFix the compile errors above (npm run typecheck shows them all).`,
    );
  }
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 5)
    process.stderr.write(`\n(built ${PROJECTS.join(', ')} in ${seconds.toFixed(1)} s)\n`);
};
