#!/usr/bin/env node
// `npm run pack`: one installable tarball per public workspace package, written to
// dist-tarballs/ (git-ignored), from the packages' built `dist/` (run `npm run build` first;
// `npm run pack` does). Prints each tarball with its size and file count; `--json` prints the
// list as JSON. Used by scripts/consumer-check.js and CI.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const repoRoot = path.resolve(__dirname, '..');
const DEFAULT_OUT = path.join(repoRoot, 'dist-tarballs');

/** The public (not private) workspace packages: `{ name, version, dir }`, in workspace order. */
function publicPackages() {
  const root = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  return root.workspaces
    .map((dir) => {
      const manifest = JSON.parse(
        fs.readFileSync(path.join(repoRoot, dir, 'package.json'), 'utf8'),
      );
      return { name: manifest.name, version: manifest.version, dir, manifest };
    })
    .filter((p) => p.manifest.private !== true);
}

/**
 * Runs `npm pack` for every public package (or in `cwd` alone when given); `dryRun` lists the
 * files without writing. Returns npm's JSON: one `{ name, filename, files: [{ path }], … }` each.
 */
function npmPack({ dryRun = false, outDir = DEFAULT_OUT, cwd } = {}) {
  const args = ['pack', '--json', '--ignore-scripts'];
  if (dryRun) args.push('--dry-run');
  else args.push('--pack-destination', outDir);
  if (cwd === undefined) for (const p of publicPackages()) args.push('--workspace', p.dir);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_config_/i.test(k)) delete env[k];
  const result = spawnSync(npm, args, {
    cwd: cwd ?? repoRoot,
    env,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0)
    throw new Error(
      `npm ${args.join(' ')} exited ${String(result.status)}:\n${result.stderr}\n` +
        'How to fix: build the packages first (npm run build), then run npm run pack again.',
    );
  return JSON.parse(result.stdout);
}

/**
 * What is wrong with a package's file list as `npm pack` made it (`files`: the paths in the
 * tarball), read against the package folder `packageDir`: an empty list when nothing is. Checks
 * the README, the LICENSE, the package.json fields a registry shows, that no build cache,
 * declaration map or source folder is shipped, that every source map carries the text of every
 * source it names, and that every file the `exports` map points at is in the tarball.
 */
function tarballProblems(packageDir, files) {
  const problems = [];
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const where = manifest.name;
  const list = new Set(files);
  for (const required of ['package.json', 'README.md', 'LICENSE'])
    if (!list.has(required)) problems.push(`${where}: ${required} is not in the tarball.`);
  if (typeof manifest.repository?.url !== 'string')
    problems.push(`${where}: package.json has no repository.url.`);
  if (typeof manifest.homepage !== 'string')
    problems.push(`${where}: package.json has no homepage.`);
  if (!Array.isArray(manifest.keywords) || manifest.keywords.length === 0)
    problems.push(`${where}: package.json has no keywords.`);
  for (const file of files) {
    if (/(^|\/)\.?[^/]*\.tsbuildinfo$/.test(file))
      problems.push(`${where}: ships the build cache ${file}.`);
    if (file.endsWith('.d.ts.map'))
      problems.push(`${where}: ships ${file}, a declaration map into sources it does not ship.`);
    if (/^(src|test)\//.test(file))
      problems.push(`${where}: ships ${file} (sources and tests stay in the repo).`);
    if (!file.endsWith('.js.map')) continue;
    const map = JSON.parse(fs.readFileSync(path.join(packageDir, file), 'utf8'));
    const sources = map.sources ?? [];
    const contents = map.sourcesContent ?? [];
    if (sources.some((_, i) => typeof contents[i] !== 'string'))
      problems.push(
        `${where}: ${file} names sources without carrying their text (set inlineSources).`,
      );
  }
  const targets = [];
  const walk = (value) => {
    if (typeof value === 'string') targets.push(value.replace(/^\.\//, ''));
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports ?? {});
  for (const field of ['main', 'types'])
    if (typeof manifest[field] === 'string') targets.push(manifest[field]);
  for (const target of targets)
    if (!list.has(target))
      problems.push(`${where}: ${target} (from package.json) is not in the tarball.`);
  return problems;
}

function main() {
  const json = process.argv.includes('--json');
  const missing = publicPackages().filter(
    (p) => !fs.existsSync(path.join(repoRoot, p.dir, 'dist', 'index.js')),
  );
  if (missing.length > 0) {
    process.stderr.write(
      `pack: ${missing.map((p) => `${p.dir}/dist/index.js`).join(', ')} missing. ` +
        'How to fix: build first (npm run build; npm run pack builds and packs).\n',
    );
    process.exit(2);
  }
  fs.rmSync(DEFAULT_OUT, { recursive: true, force: true });
  fs.mkdirSync(DEFAULT_OUT, { recursive: true });
  const packed = npmPack();
  const byName = new Map(publicPackages().map((p) => [p.name, p]));
  const problems = packed.flatMap((p) =>
    tarballProblems(
      path.join(repoRoot, byName.get(p.name).dir),
      p.files.map((f) => f.path),
    ),
  );
  if (problems.length > 0) {
    process.stderr.write(
      `pack: the tarballs are not fit to publish:\n  ${problems.join('\n  ')}\n`,
    );
    process.exit(1);
  }
  const list = packed.map((p) => ({
    name: p.name,
    version: p.version,
    file: path.join(DEFAULT_OUT, p.filename),
    size: p.size,
    unpackedSize: p.unpackedSize,
    entryCount: p.entryCount,
  }));
  if (json) process.stdout.write(JSON.stringify(list, null, 2) + '\n');
  else
    for (const t of list)
      process.stdout.write(
        `${path.relative(repoRoot, t.file)}  ${(t.size / 1024).toFixed(0)} kB packed, ` +
          `${(t.unpackedSize / 1024).toFixed(0)} kB unpacked, ${t.entryCount} files\n`,
      );
}

module.exports = { publicPackages, npmPack, tarballProblems, DEFAULT_OUT };
if (require.main === module) main();
