// The decorator-free scenario as an ES module: `import` of the installed tarball.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@stowage/core';
import { Container } from 'typedi';

const { defineScenario, playScenario } = createRequire(import.meta.url)('./play.cjs');
const root = mkdtempSync(join(tmpdir(), 'stowage-consumer-decorator-free-esm-'));
try {
  await playScenario(core, Container, defineScenario(core), root, assert);
  console.log('decorator-free-js (ES module): ok');
} finally {
  rmSync(root, { recursive: true, force: true });
}
