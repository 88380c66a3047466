import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
 * Node's `os.tmpdir()` reads `TMPDIR` (`TMP`/`TEMP` on Windows) on every call, so temporary files
 * made by the manager, a packager or a library during `work` land in the sandbox, and a leak is
 * seen exactly, even when other test files run in parallel workers. The variables are restored
 * when `work` ends (also when it throws, in which case the error is rethrown after cleanup). Do
 * not run two sandboxes concurrently in one process.
 */
export async function withTempSandbox<T>(work: () => Promise<T>): Promise<SandboxOutcome<T>> {
  const sandbox = await mkdtemp(join(tmpdir(), 'packager-kit-'));
  const saved = TMP_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of TMP_VARIABLES) process.env[name] = sandbox;
  try {
    const value = await work();
    return { value, leftovers: await listTree(sandbox) };
  } finally {
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
