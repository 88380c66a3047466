// The README tour as an ES module consumer writes it, run as it is by Node and as bundles made by
// esbuild (ESM and CommonJS) and Rollup; the first argument names the way, for the report line.
// The body is wrapped in main() so the CommonJS bundle, which has no top-level await, runs it too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@stowage/core';
import { playTour } from './tour-steps.mjs';

const WAY = process.argv[2] ?? 'node';

async function main() {
  const root = mkdtempSync(join(tmpdir(), `stowage-consumer-${WAY}-`));
  try {
    await playTour(core, root);
    console.log(`tour (${WAY}): ok`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
