import { mkdtemp, readdir, rm } from 'node:fs/promises';
// The default import is the shared module object itself (in the CommonJS and the ES module
// build): the sandbox swaps its `tmpdir`, which an `import * as os` namespace copy would not reach.
import os from 'node:os';
import { join, relative } from 'node:path';

/** What {@link withTempSandbox} returns: the callback's value and what it left behind. */
export interface SandboxOutcome<T> {
  readonly value: T;
  /** Paths (relative to the sandbox) of files and directories still present after `work`. */
  readonly leftovers: readonly string[];
}

const TMP_VARIABLES = ['TMPDIR', 'TMP', 'TEMP'] as const;

/**
 * Runs `work` with `os.tmpdir()` pointing at a fresh, empty directory, then lists what is left in
 * it and deletes it.
 *
 * @remarks
 * Two things point `os.tmpdir()` at the sandbox: the `TMPDIR`/`TMP`/`TEMP` variables (which
 * Node reads on every call) and, because jest gives each test file a copy of `process.env` that
 * Node's own `getenv` never sees, the `tmpdir` function of the `os` module itself (code compiled
 * from `import { tmpdir } from 'node:os'` looks it up at each call). Temporary files made by the
 * manager, a packager or a library during `work` land in the sandbox, so a leak is seen exactly,
 * even while other test files run in parallel workers. Everything is restored when `work` ends
 * (also when it throws; the error is rethrown after cleanup). Do not run two sandboxes
 * concurrently in one process.
 */
export async function withTempSandbox<T>(work: () => Promise<T>): Promise<SandboxOutcome<T>> {
  const sandbox = await mkdtemp(join(os.tmpdir(), 'packager-kit-'));
  const saved = TMP_VARIABLES.map((name) => [name, process.env[name]] as const);
  const osModule = os as { tmpdir: () => string };
  const originalTmpdir = osModule.tmpdir;
  for (const name of TMP_VARIABLES) process.env[name] = sandbox;
  osModule.tmpdir = () => sandbox;
  try {
    const value = await work();
    return { value, leftovers: await listTree(sandbox) };
  } finally {
    osModule.tmpdir = originalTmpdir;
    for (const [name, previous] of saved) {
      if (previous === undefined) delete process.env[name];
      else process.env[name] = previous;
    }
    await rm(sandbox, { recursive: true, force: true });
  }
}

async function listTree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.map((e) => relative(root, join(e.parentPath, e.name))).sort();
}
