#!/usr/bin/env node
// Keeps the TypeScript blocks of docs/*.md in step with the runnable examples in docs/examples/.
//
// Every ```ts (or ```typescript) block in a doc must be either
//   (a) an include: the line right above the fence is `<!-- include: examples/<topic>/<file>.ts -->`
//       (optionally `#<region>`), and the block holds exactly that file (or region) — the examples
//       are compiled and run by `jest --selectProjects docs`; or
//   (b) an explicit fragment: the fence reads ```ts fragment (never compiled; use sparingly).
//
//   node scripts/doc-snippets.js          check (exit 1 and list the problems)
//   node scripts/doc-snippets.js --write  rewrite every include block from its example file
//
// Regions: in an example file, `// #region name` … `// #endregion` (optionally `// #endregion name`)
// delimit a region; region marker lines are never copied into the docs, and the region's common
// indentation is removed.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DOCS = path.join(ROOT, 'docs');
const INCLUDE = /^<!--\s*include:\s*(\S+?)(?:#([\w-]+))?\s*-->\s*$/;
const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/;
const TS_LANGS = new Set(['ts', 'typescript', 'tsx']);
const REGION_START = /^\s*\/\/\s*#region\s+([\w-]+)\s*$/;
const REGION_END = /^\s*\/\/\s*#endregion\b.*$/;

/** Every markdown file under `docsDir`, except the generated API reference and the examples. */
function listDocs(docsDir = DOCS, dir = docsDir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const skip = [path.join(docsDir, 'api'), path.join(docsDir, 'examples')];
      if (!skip.includes(full) && entry.name !== 'node_modules')
        out.push(...listDocs(docsDir, full));
    } else if (entry.name.endsWith('.md')) out.push(full);
  }
  return out.sort();
}

/** Every .ts file under `dir` (tests included). */
function listExampleFiles(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listExampleFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

function dedent(lines) {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)[0].length);
  const cut = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((l) => l.slice(cut));
}

/** The text of an example file (or one of its regions) as it appears in the docs. */
function readSnippet(file, region) {
  const lines = fs
    .readFileSync(file, 'utf8')
    .replace(/\r\n/g, '\n')
    .replace(/\n+$/, '')
    .split('\n');
  let picked = lines;
  if (region !== undefined) {
    const start = lines.findIndex((l) => REGION_START.exec(l)?.[1] === region);
    if (start < 0) throw new Error(`region "${region}" not found in ${path.basename(file)}`);
    let depth = 0;
    let end = -1;
    for (let i = start + 1; i < lines.length; i++) {
      if (REGION_START.test(lines[i])) depth++;
      else if (REGION_END.test(lines[i])) {
        if (depth === 0) {
          end = i;
          break;
        }
        depth--;
      }
    }
    if (end < 0) throw new Error(`region "${region}" in ${path.basename(file)} has no #endregion`);
    picked = dedent(lines.slice(start + 1, end));
  }
  return picked.filter((l) => !REGION_START.test(l) && !REGION_END.test(l)).join('\n');
}

/**
 * Parses one markdown file into its fenced blocks: language, info, the include above it (if any),
 * and the line range of the body.
 */
function parseBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i]);
    if (open === null) continue;
    const fence = open[2];
    let close = i + 1;
    while (
      close < lines.length &&
      !(lines[close].trim().startsWith(fence) && lines[close].trim().replace(/[`~]/g, '') === '')
    )
      close++;
    let above = i - 1;
    while (above >= 0 && lines[above].trim() === '') above--;
    const include = above >= 0 && above === i - 1 ? INCLUDE.exec(lines[above].trim()) : null;
    blocks.push({
      lang: open[3].toLowerCase(),
      info: open[4].trim(),
      openLine: i,
      closeLine: close,
      body: lines.slice(i + 1, close).join('\n'),
      include: include === null ? undefined : { target: include[1], region: include[2] },
      strayInclude: above >= 0 && above !== i - 1 && INCLUDE.test(lines[above].trim()),
    });
    i = close;
  }
  return { lines, blocks };
}

/** Checks (and with `write`, fixes) every doc; returns the list of problems left. */
function checkDocs({ write = false, docsDir = DOCS } = {}) {
  const examples = path.join(docsDir, 'examples');
  const problems = [];
  const included = new Set();
  // The repository README's tour is kept runnable the same way (its includes say docs/examples/…).
  const readme = path.join(path.dirname(docsDir), 'README.md');
  const docs =
    docsDir === DOCS && fs.existsSync(readme) ? [readme, ...listDocs(docsDir)] : listDocs(docsDir);
  for (const doc of docs) {
    const base = doc.startsWith(docsDir + path.sep) ? docsDir : path.dirname(doc);
    const rel = path.relative(path.dirname(docsDir), doc);
    const { lines, blocks } = parseBlocks(fs.readFileSync(doc, 'utf8'));
    let changed = false;
    const start = problems.length;
    for (const block of [...blocks].reverse()) {
      const where = `${rel}:${block.openLine + 1}`;
      if (!TS_LANGS.has(block.lang)) {
        if (block.include !== undefined)
          problems.push(
            `${where}: an include comment sits above a \`\`\`${block.lang} block; includes are for \`\`\`ts blocks.`,
          );
        continue;
      }
      const isFragment = block.info.split(/\s+/).includes('fragment');
      if (isFragment && block.include !== undefined) {
        problems.push(`${where}: a block is both an include and a fragment; drop one of the two.`);
        continue;
      }
      if (isFragment) continue;
      if (block.include === undefined) {
        problems.push(
          `${where}: a \`\`\`ts block that is neither an include nor a fragment (see docs/README.md, "How these docs are kept runnable").`,
        );
        continue;
      }
      const file = path.resolve(base, block.include.target);
      if (!file.startsWith(examples + path.sep) || !fs.existsSync(file)) {
        problems.push(
          `${where}: include target ${block.include.target} does not exist under docs/examples/.`,
        );
        continue;
      }
      included.add(file);
      let expected;
      try {
        expected = readSnippet(file, block.include.region);
      } catch (err) {
        problems.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      if (expected !== block.body) {
        if (write) {
          lines.splice(
            block.openLine + 1,
            block.closeLine - block.openLine - 1,
            ...expected.split('\n'),
          );
          changed = true;
        } else {
          problems.push(
            `${where}: the block differs from ${block.include.target}${block.include.region ? `#${block.include.region}` : ''}. Run \`node scripts/doc-snippets.js --write\`.`,
          );
        }
      }
    }
    problems.push(...problems.splice(start).reverse()); // back to document order
    if (changed) fs.writeFileSync(doc, lines.join('\n'));
  }
  return { problems, included: [...included].sort() };
}

/**
 * Every non-test example file must be imported (directly or through another example) by a test
 * under docs/examples, so no example is left uncompiled-and-unrun.
 */
function checkExamplesRun({ docsDir = DOCS } = {}) {
  const files = listExampleFiles(path.join(docsDir, 'examples'));
  const tests = files.filter((f) => f.endsWith('.test.ts'));
  const reached = new Set();
  const visit = (file) => {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const base = path.resolve(path.dirname(file), m[1]);
      const target = [base, `${base}.ts`, path.join(base, 'index.ts')].find(
        (c) => fs.existsSync(c) && fs.statSync(c).isFile(),
      );
      if (target !== undefined && !reached.has(target)) {
        reached.add(target);
        visit(target);
      }
    }
  };
  tests.forEach(visit);
  return files
    .filter(
      (f) =>
        !f.endsWith('.test.ts') && !reached.has(f) && !f.includes(`${path.sep}helpers${path.sep}`),
    )
    .map(
      (f) =>
        `${path.relative(path.dirname(docsDir), f)} is not imported by any test under docs/examples, so it never runs.`,
    );
}

/** Relative links between docs (and to examples) must point at files that exist. */
function checkLinks({ docsDir = DOCS } = {}) {
  const problems = [];
  for (const doc of listDocs(docsDir)) {
    const text = fs.readFileSync(doc, 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1].split('#')[0];
      if (target === '' || /^[a-z]+:/i.test(target)) continue;
      const file = path.resolve(path.dirname(doc), target);
      if (file.startsWith(path.join(docsDir, 'api'))) continue; // generated by `npm run docs`
      if (!fs.existsSync(file)) {
        problems.push(`${path.relative(path.dirname(docsDir), doc)}: broken link to ${m[1]}.`);
      }
    }
  }
  return problems;
}

/** The docs index (docs/README.md) must link every topic file. */
function checkIndex({ docsDir = DOCS } = {}) {
  const index = path.join(docsDir, 'README.md');
  if (!fs.existsSync(index)) return ['docs/README.md (the docs index) is missing.'];
  const text = fs.readFileSync(index, 'utf8');
  const linked = new Set(
    [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => path.resolve(docsDir, m[1])),
  );
  return listDocs(docsDir)
    .filter((doc) => doc !== index && !linked.has(doc))
    .map(
      (doc) => `docs/README.md does not link ${path.relative(docsDir, doc)}; add it to the index.`,
    );
}

module.exports = {
  checkDocs,
  checkExamplesRun,
  checkLinks,
  checkIndex,
  listDocs,
  parseBlocks,
  readSnippet,
};

if (require.main === module) {
  const write = process.argv.includes('--write');
  const { problems } = checkDocs({ write });
  problems.push(...checkExamplesRun(), ...checkLinks(), ...checkIndex());
  if (problems.length > 0) {
    console.error(problems.map((p) => `- ${p}`).join('\n'));
    process.exit(1);
  }
  console.log(write ? 'Doc examples synced.' : 'Doc examples are in step.');
}
