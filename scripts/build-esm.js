#!/usr/bin/env node
// The ES module build of one package (run from the package folder, after `tsc -b`):
// `dist/esm/`, served to bundlers by the `module` condition of the package's `exports` map.
//
// 1. tsc compiles `src/` as ES modules (the package's own compiler options, so decorator
//    metadata is emitted exactly as in the CommonJS build) into a temporary folder.
// 2. esbuild bundles that output from the package's entries (`.` and, for core, `./internal`)
//    into `dist/esm/`, code split so the entries share one copy of every module (one packager
//    catalog), with every dependency left as an import and names kept (Stowage records class
//    names). The banner gives the few modules that read `__dirname` or `require.resolve` the
//    CommonJS values they expect, from `import.meta.url` (or `__filename` once a bundler has
//    turned the file into CommonJS again).
// 3. `dist/esm/package.json` says `"type": "module"`.
//
// Node itself never loads `dist/esm/`: `import` and `require` both get the CommonJS build, so a
// process holds one copy of each package whichever way it is loaded.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const BANNER = [
  "import { createRequire as __stowageCreateRequire } from 'node:module';",
  "import { fileURLToPath as __stowageFileURLToPath } from 'node:url';",
  "import { dirname as __stowageDirname } from 'node:path';",
  'const __stowageFile = typeof __filename === "string" ? __filename : __stowageFileURLToPath(import.meta.url);',
  'const require = __stowageCreateRequire(__stowageFile);',
  'const __dirname = __stowageDirname(__stowageFile);',
].join('\n');

/** The `src/` files behind a package's entries: `{ index: 'src/index.ts', internal: … }`. */
function entryPoints(packageDir, manifest) {
  const entries = {};
  for (const subpath of Object.keys(manifest.exports ?? { '.': {} })) {
    if (subpath === './package.json') continue;
    const name = subpath === '.' ? 'index' : subpath.replace(/^\.\//, '');
    const src = path.join(packageDir, 'src', `${name}.ts`);
    if (!fs.existsSync(src))
      throw new Error(`${manifest.name}: exports["${subpath}"] has no source ${src}.`);
    entries[name] = src;
  }
  return entries;
}

function typeRoots(packageDir) {
  const roots = [];
  for (let dir = packageDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '@types');
    if (fs.existsSync(candidate)) roots.push(candidate);
    if (path.dirname(dir) === dir) return roots;
  }
}

async function buildEsm(packageDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stowage-esm-'));
  try {
    const tsconfig = path.join(tmp, 'tsconfig.json');
    fs.writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: path.join(packageDir, 'tsconfig.json'),
        compilerOptions: {
          module: 'es2022',
          moduleResolution: 'bundler',
          rootDir: path.join(packageDir, 'src'),
          outDir: path.join(tmp, 'out'),
          declaration: false,
          declarationMap: false,
          composite: false,
          incremental: false,
          tsBuildInfoFile: null,
          sourceMap: true,
          inlineSources: true,
          // The config lives in a temporary folder: look for @types where the package would.
          typeRoots: typeRoots(packageDir),
        },
        include: [path.join(packageDir, 'src')],
      }),
    );
    const tsc = require.resolve('typescript/bin/tsc');
    const compiled = spawnSync(process.execPath, [tsc, '-p', tsconfig], { encoding: 'utf8' });
    if (compiled.status !== 0)
      throw new Error(
        `${manifest.name}: the ES module compile failed:\n${compiled.stdout}${compiled.stderr}`,
      );
    const entries = entryPoints(packageDir, manifest);
    const outDir = path.join(packageDir, 'dist', 'esm');
    fs.rmSync(outDir, { recursive: true, force: true });
    const esbuild = require('esbuild');
    await esbuild.build({
      entryPoints: Object.fromEntries(
        Object.entries(entries).map(([name, src]) => [
          name,
          path
            .join(tmp, 'out', path.relative(path.join(packageDir, 'src'), src))
            .replace(/\.ts$/, '.js'),
        ]),
      ),
      outdir: outDir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      keepNames: true,
      sourcemap: true,
      sourcesContent: true,
      chunkNames: 'chunks/[name]-[hash]',
      banner: { js: BANNER },
      logLevel: 'warning',
    });
    fs.writeFileSync(path.join(outDir, 'package.json'), JSON.stringify({ type: 'module' }) + '\n');
    // Source paths relative to the package (`../../src/…`), not to the temporary folder.
    for (const file of fs.readdirSync(outDir, { recursive: true })) {
      if (!String(file).endsWith('.map')) continue;
      const mapPath = path.join(outDir, String(file));
      const map = JSON.parse(fs.readFileSync(mapPath, 'utf8'));
      map.sources = map.sources.map((source) => {
        const absolute = path.resolve(path.dirname(mapPath), source);
        const rel = path.relative(path.join(tmp, 'out'), absolute);
        return rel.startsWith('..')
          ? source
          : path.relative(
              path.dirname(mapPath),
              path.join(packageDir, 'src', rel.replace(/\.js$/, '.ts')),
            );
      });
      fs.writeFileSync(mapPath, JSON.stringify(map));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { buildEsm };
if (require.main === module)
  buildEsm(path.resolve(process.argv[2] ?? process.cwd())).catch((error) => {
    process.stderr.write(`build-esm: ${error.message}\n`);
    process.exit(1);
  });
