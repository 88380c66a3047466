#!/usr/bin/env node
// Fails when a file under a `test/` folder looks like a test but does not match jest's testMatch,
// so a misnamed test can never silently stop running.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const testDirs = [];
for (const group of ['packages', 'examples']) {
  const dir = path.join(root, group);
  if (!fs.existsSync(dir)) continue;
  for (const name of fs.readdirSync(dir)) {
    const t = path.join(dir, name, 'test');
    if (fs.existsSync(t)) testDirs.push(t);
  }
}
const helperDirs = new Set(['fixtures', 'helpers', 'support', '__fixtures__']);
const bad = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!helperDirs.has(entry.name)) walk(full);
    } else if (/\.(ts|js|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      if (!entry.name.endsWith('.test.ts')) bad.push(path.relative(root, full));
    }
  }
};
testDirs.forEach(walk);
if (bad.length > 0) {
  console.error('These files under test/ are not named *.test.ts, so jest would never run them:');
  for (const f of bad) console.error(`  ${f}`);
  console.error('Rename them to *.test.ts, or move shared code into a test/helpers/ folder.');
  process.exit(1);
}
