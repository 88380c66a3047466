import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { LocalStore } from '../../src/stores/local.store';

const FIXTURES = join(__dirname, '..', 'fixtures');

/** Starts the writer child, waits for it to be mid-write, and SIGKILLs it. */
function killMidWrite(root: string): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', join(FIXTURES, 'register-ts.js'), join(FIXTURES, 'crash-writer.js'), root],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('MID')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, output }));
  });
}

async function allFiles(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(join(dir, rel), { withFileTypes: true })) {
    const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await allFiles(dir, path)));
    else out.push(path);
  }
  return out;
}

describe('LocalStore crash safety', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'stowage-test-crash-'));
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  describe('when the writing process is SIGKILLed in the middle of a 256 MiB write', () => {
    it('should show no partial artifact or object and keep everything written before', async () => {
      const { signal, output } = await killMidWrite(root);
      expect(output).not.toContain('DONE');
      expect(signal).toBe('SIGKILL');

      const store = new LocalStore({ root });
      const repo = new StoreArtifactRepository({ store });
      expect(await repo.keys()).toEqual(['before']);
      expect(await (await repo.open('store://before')).getText()).toBe(
        'committed before the crash',
      );
      await expect(repo.open('store://big')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await store.get('plain/obj.bin')).toString()).toBe('original object');

      const visible: string[] = [];
      for await (const stat of store.list('')) visible.push(stat.path);
      expect(visible.filter((p) => p.startsWith('artifacts/big/'))).toEqual([]);
      // The kill really happened mid-write: only invisible temporary files hold the partial bytes.
      const temps = (await allFiles(root)).filter((p) =>
        p.split('/').pop()?.startsWith('.stowage-tmp-'),
      );
      expect(temps.length).toBeGreaterThanOrEqual(1);
      expect((await store.sweepTemporaryFiles(0)).sort()).toEqual(temps.sort());
      expect((await allFiles(root)).filter((p) => p.includes('.stowage-tmp-'))).toEqual([]);
    }, 60_000);
  });
});
