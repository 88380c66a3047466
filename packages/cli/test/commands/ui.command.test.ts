import { spawn, type ChildProcess } from 'node:child_process';
import { assertBuilt, CLI_MAIN, stowage, tempDir } from '../helpers/cli-process';
import { seedStore, type SeededStore } from '../helpers/seed-store';

/** Starts `stowage ui …` and resolves with the process and the URL it printed. */
function startUi(
  args: readonly string[],
  cwd: string,
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [CLI_MAIN, 'ui', ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const url = /http:\/\/\S+\//.exec(out)?.[0];
      if (url !== undefined) resolve({ child, url, stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`stowage ui exited with ${code}: ${err}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('stowage ui', () => {
  jest.setTimeout(30_000);
  const dir = tempDir();
  let seeded: SeededStore;
  beforeAll(async () => {
    assertBuilt();
    seeded = await seedStore(`${dir.path}/store`);
  });
  afterAll(() => dir.remove());

  describe('when started on a store', () => {
    it('should print a loopback URL that serves the runs, and stop cleanly on SIGTERM', async () => {
      const { child, url, stderr } = await startUi(['--store', 'store'], dir.path);
      try {
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
        const page = await fetch(`${url}runs`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain(seeded.trainRun);
        expect((await fetch(`${url}runs`, { method: 'POST' })).status).toBe(405);
        expect(stderr()).toBe('');
      } finally {
        const done = exited(child);
        child.kill('SIGTERM');
        expect(await done).toBe(0);
      }
    });
  });

  describe('when told to bind all addresses', () => {
    it('should warn on stderr that the store is then readable by anyone who reaches it', async () => {
      const { child, stderr } = await startUi(['--store', 'store', '--host', '0.0.0.0'], dir.path);
      const done = exited(child);
      child.kill('SIGTERM');
      await done;
      expect(stderr()).toContain('stowage: warning: the UI listens on 0.0.0.0, not loopback');
    });
  });

  describe('when the port is not a number', () => {
    it('should fail as a usage error with the fix', async () => {
      const result = await stowage(['ui', '--store', 'store', '--port', 'abc'], { cwd: dir.path });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--port "abc" is not a port number');
    });
  });

  describe('when the store does not exist', () => {
    it('should fail without serving', async () => {
      const result = await stowage(['ui', '--store', 'missing'], { cwd: dir.path });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('There is no store at');
    });
  });
});
