#!/usr/bin/env node
// Fails when a public export of a package (anything its src/index.ts exports) has no TSDoc
// summary, so the generated API reference (`npm run docs`) never shows an undocumented entry.
//
//   node scripts/check-tsdoc.js            check every packages/*/src/index.ts
//   node scripts/check-tsdoc.js core s3    check only these packages
//
// A summary is the comment text before the first block tag (@remarks, @example, …). Re-exports are
// followed to the declaration that owns the comment. Exported `declare`d values and types count too.
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');

/** `packages/<name>/src/index.ts` for every package (or only the named ones). */
function packageEntries(names) {
  const dir = path.join(ROOT, 'packages');
  return fs
    .readdirSync(dir)
    .filter((name) => names === undefined || names.length === 0 || names.includes(name))
    .map((name) => ({ name, file: path.join(dir, name, 'src', 'index.ts') }))
    .filter((entry) => fs.existsSync(entry.file));
}

function compilerOptions() {
  const configPath = path.join(ROOT, 'tsconfig.check.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  return { ...parsed.options, noEmit: true };
}

function summaryOf(symbol, checker) {
  const parts = symbol.getDocumentationComment(checker);
  const text = ts.displayPartsToString(parts).trim();
  if (text !== '') return text;
  // Declarations TypeScript gives no documentation for (e.g. a `const` re-declared as a type).
  for (const decl of symbol.declarations ?? []) {
    for (const doc of ts.getJSDocCommentsAndTags(decl)) {
      if (ts.isJSDoc(doc) && typeof doc.comment === 'string' && doc.comment.trim() !== '')
        return doc.comment.trim();
      if (ts.isJSDoc(doc) && Array.isArray(doc.comment)) {
        const t = doc.comment
          .map((c) => c.text ?? '')
          .join('')
          .trim();
        if (t !== '') return t;
      }
    }
  }
  return '';
}

/**
 * Lists the public exports without a TSDoc summary, per package. `entries` (`{ name, file }`)
 * replaces the packages' own barrels (the check's own test uses it).
 * @returns {{ package: string, export: string, declaredIn: string }[]}
 */
function findUndocumentedExports(names, entries = packageEntries(names)) {
  const program = ts.createProgram(
    entries.map((e) => e.file),
    compilerOptions(),
  );
  const checker = program.getTypeChecker();
  const missing = [];
  for (const entry of entries) {
    const source = program.getSourceFile(entry.file);
    const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) continue; // an empty barrel exports nothing
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const target =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (summaryOf(target, checker) !== '' || summaryOf(exported, checker) !== '') continue;
      const decl = (target.declarations ?? [])[0];
      const declaredIn =
        decl === undefined ? '?' : path.relative(ROOT, decl.getSourceFile().fileName);
      missing.push({ package: entry.name, export: exported.getName(), declaredIn });
    }
  }
  return missing;
}

module.exports = { findUndocumentedExports };

if (require.main === module) {
  const missing = findUndocumentedExports(process.argv.slice(2));
  if (missing.length > 0) {
    console.error('These public exports have no TSDoc summary (a /** One sentence. */ comment):');
    for (const m of missing)
      console.error(`  @stowage/${m.package}: ${m.export}  (${m.declaredIn})`);
    process.exit(1);
  }
  console.log('Every public export has a TSDoc summary.');
}
