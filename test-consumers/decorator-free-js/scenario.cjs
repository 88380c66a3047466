// The decorator-free scenario as CommonJS: the same packagers, options and handlers as
// scenario.mjs, declared with functions.
const assert = require('node:assert/strict');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const core = require('@stowage/core');
const { Container } = require('typedi');
const { defineScenario, playScenario } = require('./play.cjs');

const root = mkdtempSync(join(tmpdir(), 'stowage-consumer-decorator-free-cjs-'));
playScenario(core, Container, defineScenario(core), root, assert)
  .then(() => console.log('decorator-free-js (CommonJS): ok'))
  .finally(() => rmSync(root, { recursive: true, force: true }));
