#!/usr/bin/env node
// The `stowage` command. A committed shim rather than `dist/main.js` itself, so that `npm ci` in
// the monorepo can link it before anything is built (npm skips bins whose file does not exist).
'use strict';
const { existsSync } = require('fs');
const { join } = require('path');

const main = join(__dirname, '..', 'dist', 'main.js');
if (!existsSync(main)) {
  process.stderr.write(
    `stowage: ${main} is missing. How to fix: build it first (npm run build).\n`,
  );
  process.exit(2);
}
require(main);
