#!/usr/bin/env node
// Consumer projects from the tarballs (not the workspace): for each scenario folder under
// test-consumers/ (or those named on the command line), copy it into a fresh temporary project,
// install the tarballs of `npm run pack` (dist-tarballs/) with npm, run its `check` script, and
// remove the project. A scenario is one folder: a package.json whose dependencies name Stowage
// packages with the value "tarball" (the tarballs of their Stowage dependencies are added
// automatically), any other dependencies it needs from the registry, and a `check` script.
// The repository's own tools (esbuild, typescript) are on PATH after the project's own.
//
// Usage: node scripts/consumer-check.js [scenario…] [--keep] [--tarballs DIR] [--jobs N]
// Prints one line per scenario and a closing "N passed, N failed"; exits 1 when any failed.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { publicPackages, DEFAULT_OUT } = require('./pack-tarballs');

const repoRoot = path.resolve(__dirname, '..');
const SCENARIOS_DIR = path.join(repoRoot, 'test-consumers');
const TARBALL_VALUE = 'tarball';

/** Every scenario folder (one with a package.json), sorted. */
function listScenarios() {
  return fs
    .readdirSync(SCENARIOS_DIR, { withFileTypes: true })
    .filter(
      (e) => e.isDirectory() && fs.existsSync(path.join(SCENARIOS_DIR, e.name, 'package.json')),
    )
    .map((e) => e.name)
    .sort();
}

/** The tarball file of each public package in `dir`, by package name. */
function tarballs(dir) {
  const out = new Map();
  for (const p of publicPackages()) {
    const file = path.join(dir, `${p.name.replace(/^@/, '').replace('/', '-')}-${p.version}.tgz`);
    if (!fs.existsSync(file))
      throw new Error(
        `${file} is missing. How to fix: run npm run pack (or node scripts/pack-tarballs.js after a build).`,
      );
    out.set(p.name, { file, manifest: p.manifest });
  }
  return out;
}

/**
 * The scenario's package.json with every "tarball" dependency (and the Stowage packages those
 * depend on) pointing at the tarball files.
 */
function resolveManifest(manifest, files) {
  const result = JSON.parse(JSON.stringify(manifest));
  const wanted = [];
  for (const field of ['dependencies', 'devDependencies']) {
    for (const [name, value] of Object.entries(result[field] ?? {})) {
      if (value !== TARBALL_VALUE) continue;
      if (!files.has(name))
        throw new Error(
          `${manifest.name}: ${name} is "tarball" but no public package has that name.`,
        );
      result[field][name] = `file:${files.get(name).file}`;
      wanted.push(name);
    }
  }
  // npm would look for the tarballs' own Stowage dependencies in the registry: add them too.
  for (let i = 0; i < wanted.length; i++) {
    const deps = files.get(wanted[i]).manifest.dependencies ?? {};
    for (const name of Object.keys(deps)) {
      if (!files.has(name) || wanted.includes(name)) continue;
      wanted.push(name);
      result.dependencies = { ...result.dependencies, [name]: `file:${files.get(name).file}` };
    }
  }
  return result;
}

/** The environment for npm in a scenario: none of the outer npm's settings (workspace, prefix…). */
function scenarioEnv(projectDir) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  env.PATH = [
    path.join(projectDir, 'node_modules', '.bin'),
    path.join(repoRoot, 'node_modules', '.bin'),
    env.PATH,
  ].join(path.delimiter);
  env.STOWAGE_REPO = repoRoot;
  return env;
}

function step(label, command, args, options) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const done = (ok, extra = '') =>
      resolve({ label, ok, seconds: (Date.now() - started) / 1000, output: output + extra });
    child.on('error', (error) => done(false, String(error)));
    child.on('close', (code) => done(code === 0));
  });
}

async function runScenario(name, files, keep) {
  const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), `stowage-consumer-${name}-`));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    fs.cpSync(path.join(SCENARIOS_DIR, name), projectDir, { recursive: true });
    const manifestPath = path.join(projectDir, 'package.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    fs.writeFileSync(manifestPath, JSON.stringify(resolveManifest(manifest, files), null, 2));
    const env = scenarioEnv(projectDir);
    const install = await step(
      'install',
      npm,
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock'],
      { cwd: projectDir, env },
    );
    if (!install.ok) return { name, ok: false, steps: [install], projectDir };
    const check = await step('check', npm, ['run', '--silent', 'check'], { cwd: projectDir, env });
    return { name, ok: check.ok, steps: [install, check], projectDir };
  } finally {
    if (!keep) fs.rmSync(projectDir, { recursive: true, force: true });
  }
}

async function main() {
  const args = process.argv.slice(2);
  const keep = args.includes('--keep');
  const option = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const dir = path.resolve(option('--tarballs') ?? DEFAULT_OUT);
  // Two at a time by default: installing is mostly waiting on the disk and the npm cache.
  const jobs = Math.max(1, Number(option('--jobs') ?? 2));
  const named = args.filter(
    (a, i) => !a.startsWith('--') && !['--tarballs', '--jobs'].includes(args[i - 1]),
  );
  const all = listScenarios();
  const unknown = named.filter((n) => !all.includes(n));
  if (unknown.length > 0) {
    process.stderr.write(
      `consumer-check: no scenario ${unknown.join(', ')} (have: ${all.join(', ')}).\n`,
    );
    process.exit(2);
  }
  const files = tarballs(dir);
  const queue = [...(named.length > 0 ? named : all)];
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const result = await runScenario(name, files, keep);
      const times = result.steps.map((s) => `${s.label} ${s.seconds.toFixed(1)} s`).join(', ');
      if (result.ok) passed++;
      else failed++;
      let text = `${result.ok ? 'ok  ' : 'FAIL'} ${name} (${times})${keep ? ` in ${result.projectDir}` : ''}\n`;
      if (!result.ok)
        text += result.steps[result.steps.length - 1].output.replace(/^/gm, '    ') + '\n';
      process.stdout.write(text);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  process.stdout.write(`consumer projects in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = failed > 0 ? 1 : 0;
}

module.exports = { listScenarios, resolveManifest };
if (require.main === module)
  main().catch((error) => {
    process.stderr.write(`consumer-check: ${error.message}\n`);
    process.exit(2);
  });
