import { spawnSync } from 'node:child_process';

/** Whether `python3 -c "import numpy"` works on this machine. */
export function numpyAvailable(): boolean {
  const r = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Runs a Python script with numpy; throws with its stderr when it fails. */
export function runPython(script: string, args: readonly string[] = []): string {
  const r = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed (${String(r.status)}):\n${r.stderr}`);
  return r.stdout;
}

/**
 * `describe` when numpy is importable; otherwise a loud warning and a skipped block, except
 * under CI where a missing numpy fails the run (`.ci/run` installs python3-numpy).
 */
export function describeWithNumpy(name: string, body: () => void): void {
  if (numpyAvailable()) {
    describe(name, body);
    return;
  }
  if (
    process.env['CI'] !== undefined &&
    process.env['CI'] !== '' &&
    process.env['CI'] !== 'false'
  ) {
    describe(name, () => {
      it('should find numpy (CI requires it: apt-get install -y python3-numpy)', () => {
        throw new Error('python3 with numpy is required in CI for the .npy interop tests');
      });
    });
    return;
  }

  console.warn(
    `\n!!! SKIPPING "${name}": python3 + numpy are not importable here. Install python3-numpy. !!!\n`,
  );
  describe.skip(name, body);
}
