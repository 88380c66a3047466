import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import ts from 'typescript';

/** The pseudo-folder of the files directly in `src/` (`types.ts`, `typed-arrays.ts`). */
export const ROOT_FILES = '(root)';

/** One import of a file in another folder: `file` (relative to `src/`) imports from folder `to`. */
export interface FolderImport {
  readonly from: string;
  readonly to: string;
  readonly file: string;
  readonly specifier: string;
}

/** A folder-level cycle: its folders and the imports that close it. */
export interface FolderCycle {
  readonly folders: readonly string[];
  readonly imports: readonly FolderImport[];
}

/** The folder of a path relative to `src/`: its first segment, or {@link ROOT_FILES}. */
export function folderOf(path: string): string {
  const parts = path.split('/');
  return parts.length > 1 ? (parts[0] ?? ROOT_FILES) : ROOT_FILES;
}

/** Every `.ts` file under `dir`, relative to it with `/` separators. */
export function listSources(dir: string): string[] {
  const files: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return files.sort();
}

/**
 * The relative module specifiers a file names: static imports and re-exports (type-only ones
 * included), `import()` and `require()`, found by TypeScript's own pre-processor.
 */
export function relativeSpecifiers(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((f) => f.fileName).filter((name) => name.startsWith('.'));
}

/**
 * The imports that cross folders, from a map of source files (path relative to `src/` → text).
 * `index.ts` and `internal.ts` at the top are the barrels (public, and for sibling packages):
 * they import everything and are left out.
 */
export function crossFolderImports(sources: ReadonlyMap<string, string>): FolderImport[] {
  const found: FolderImport[] = [];
  for (const [file, text] of sources) {
    if (file === 'index.ts' || file === 'internal.ts') continue;
    const from = folderOf(file);
    for (const specifier of relativeSpecifiers(text)) {
      const target = normalize(join(dirname(file), specifier))
        .split(sep)
        .join('/');
      const to = folderOf(target);
      if (to !== from) found.push({ from, to, file, specifier });
    }
  }
  return found;
}

/** Reads `src/` into the map {@link crossFolderImports} takes. */
export function readSources(srcDir: string): Map<string, string> {
  return new Map(listSources(srcDir).map((f) => [f, readFileSync(join(srcDir, f), 'utf8')]));
}

/** The strongly connected groups of two folders or more (Tarjan), with the imports inside each. */
export function folderCycles(imports: readonly FolderImport[]): FolderCycle[] {
  const edges = new Map<string, Set<string>>();
  for (const i of imports) {
    if (!edges.has(i.from)) edges.set(i.from, new Set());
    edges.get(i.from)?.add(i.to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return groups.map((folders) => ({
    folders,
    imports: imports.filter((i) => folders.includes(i.from) && folders.includes(i.to)),
  }));
}

/** A readable report of cycles: each cycle's folders, then `from -> to: file ('specifier')`. */
export function describeCycles(cycles: readonly FolderCycle[]): string {
  return cycles
    .map(
      (c) =>
        `cycle between ${c.folders.join(', ')}:\n` +
        c.imports.map((i) => `  ${i.from} -> ${i.to}: ${i.file} ('${i.specifier}')`).join('\n'),
    )
    .join('\n');
}
