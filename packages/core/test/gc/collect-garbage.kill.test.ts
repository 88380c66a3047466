import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { collectGarbage } from '../../src/gc/collect-garbage';
import { RunRepository } from '../../src/runs/run-repository';
import { LocalStore } from '../../src/stores/local.store';

const FIXTURES = join(__dirname, '..', 'fixtures');
/** Writers SIGKILLed mid-write (`STOWAGE_GC_KILLS` to measure more), and how many run at once. */
const KILLS = Number(process.env['STOWAGE_GC_KILLS'] ?? 20);
const PARALLEL = 4;

interface Killed {
  readonly n: number;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/** Starts writer `n`, waits until its big artifact is mid-write, and SIGKILLs it. */
function killMidWrite(root: string, cache: string, n: number): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        join(FIXTURES, 'register-ts.js'),
        join(FIXTURES, 'gc-kill-writer.js'),
        root,
        String(n),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, STOWAGE_TS_CACHE: cache } },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('MID')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ n, signal, output }));
  });
}

/** What a kill left behind, found by walking the folder (independently of the code under test). */
interface Leftovers {
  readonly tempFiles: string[];
  readonly tempBytes: number;
  readonly stagedVersions: string[];
  readonly emptyFolders: string[];
  readonly runningRuns: string[];
}

async function walk(root: string, rel = ''): Promise<{ files: string[]; emptyDirs: string[] }> {
  const entries = await fs.readdir(join(root, rel), { withFileTypes: true });
  const out = { files: [] as string[], emptyDirs: [] as string[] };
  if (entries.length === 0 && rel !== '') out.emptyDirs.push(`${rel}/`);
  for (const e of entries) {
    const path = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) {
      const sub = await walk(root, path);
      out.files.push(...sub.files);
      out.emptyDirs.push(...sub.emptyDirs);
    } else out.files.push(path);
  }
  return out;
}

async function leftovers(root: string): Promise<Leftovers> {
  const { files, emptyDirs } = await walk(root);
  const tempFiles = files.filter((f) => f.split('/').pop()?.startsWith('.stowage-tmp-'));
  let tempBytes = 0;
  for (const f of tempFiles) tempBytes += (await fs.stat(join(root, f))).size;
  const records = new Set(
    files
      .filter((f) => /^artifacts\/[^/]+\/records\/[^/]+\.json$/.test(f))
      .map((f) => f.replace('/records/', '/versions/').replace(/\.json$/, '/')),
  );
  const versionFolders = new Set(
    files
      .filter((f) => /^artifacts\/[^/]+\/versions\/[^/]+\/[^/]+$/.test(f))
      .filter((f) => !f.split('/').pop()?.startsWith('.stowage-tmp-'))
      .map((f) => f.replace(/[^/]+$/, '')),
  );
  const runningRuns: string[] = [];
  for (const f of files.filter((f) => /^runs\/[^/]+\.json$/.test(f))) {
    const record = JSON.parse(await fs.readFile(join(root, f), 'utf8')) as { status: string };
    if (record.status === 'running') runningRuns.push(f);
  }
  return {
    tempFiles: tempFiles.sort(),
    tempBytes,
    stagedVersions: [...versionFolders].filter((v) => !records.has(v)).sort(),
    emptyFolders: emptyDirs.sort(),
    runningRuns: runningRuns.sort(),
  };
}

describe('collectGarbage after writers were SIGKILLed mid-write', () => {
  let root: string;
  let cache: string;
  const killed: Killed[] = [];

  beforeAll(
    async () => {
      const started = Date.now();
      root = await fs.mkdtemp(join(tmpdir(), 'stowage-test-gc-kill-'));
      cache = await fs.mkdtemp(join(tmpdir(), 'stowage-test-ts-cache-'));
      // The first child fills the transpile cache; the others start from it.
      killed.push(await killMidWrite(root, cache, 0));
      for (let n = 1; n < KILLS; n += PARALLEL) {
        const batch = Array.from({ length: Math.min(PARALLEL, KILLS - n) }, (_, i) => n + i);
        killed.push(...(await Promise.all(batch.map((i) => killMidWrite(root, cache, i)))));
      }
      if (process.env['STOWAGE_GC_FIGURES'] !== undefined)
        process.stderr.write(`gc kill test: ${KILLS} kills in ${Date.now() - started} ms\n`);
    },
    Math.max(120_000, KILLS * 5000),
  );

  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(cache, { recursive: true, force: true });
  });

  it('should have killed every writer in the middle of its big artifact', () => {
    expect(killed).toHaveLength(KILLS);
    for (const k of killed) {
      expect({ n: k.n, signal: k.signal, done: k.output.includes('DONE') }).toEqual({
        n: k.n,
        signal: 'SIGKILL',
        done: false,
      });
    }
  });

  describe('when run as a dry run, then with dryRun false, then again', () => {
    it(
      'should list exactly the leftovers, remove them, keep every committed artifact, and find nothing after',
      async () => {
        const store = new LocalStore({ root });
        const before = await leftovers(root);
        expect(before.tempFiles.length).toBeGreaterThanOrEqual(KILLS);
        expect(before.runningRuns).toHaveLength(KILLS);

        const plan = await collectGarbage(store, { graceMs: 0 });
        const paths = (kind: string) =>
          plan.items
            .filter((i) => i.kind === kind)
            .map((i) => i.path)
            .sort();
        expect(plan.dryRun).toBe(true);
        expect(paths('temp-file')).toEqual(before.tempFiles);
        expect(paths('staged-version')).toEqual(before.stagedVersions);
        expect(paths('empty-folder')).toEqual(before.emptyFolders);
        expect(paths('lost-run')).toEqual(before.runningRuns);
        expect(plan.items.every((i) => i.outcome === 'planned')).toBe(true);
        expect(await leftovers(root)).toEqual(before);

        const done = await collectGarbage(store, { graceMs: 0, dryRun: false });
        expect(done.items.map((i) => [i.kind, i.path]).sort()).toEqual(
          plan.items.map((i) => [i.kind, i.path]).sort(),
        );
        expect(done.items.filter((i) => i.outcome !== 'removed' && i.outcome !== 'marked')).toEqual(
          [],
        );
        expect(done.totals.reclaimed).toBe(plan.totals.bytes);
        expect(done.totals.reclaimed).toBeGreaterThanOrEqual(before.tempBytes);

        const after = await leftovers(root);
        expect(after).toEqual({
          tempFiles: [],
          tempBytes: 0,
          stagedVersions: [],
          emptyFolders: [],
          runningRuns: [],
        });

        const repo = new StoreArtifactRepository({ store });
        const keys = Array.from({ length: KILLS }, (_, n) => `kept-${n}`).sort();
        expect(await repo.keys()).toEqual(keys);
        for (let n = 0; n < KILLS; n++) {
          const item = await repo.open(`store://kept-${n}`);
          expect(await item.getText()).toBe(`committed by writer ${n}`);
        }
        const runs = await new RunRepository({ store }).list();
        expect(runs).toHaveLength(KILLS);
        for (const run of runs) {
          expect(run.status).toBe('lost');
          expect(run.error?.code).toBe('RUN_LOST');
          expect(run.artifacts.map((a) => a.key)).toEqual([`kept-${run.name.slice(7)}`]);
        }

        const again = await collectGarbage(store, { graceMs: 0, dryRun: false });
        expect(again.items).toEqual([]);
        if (process.env['STOWAGE_GC_FIGURES'] !== undefined) {
          process.stderr.write(
            `gc kill test: kills=${KILLS} temp=${before.tempFiles.length} staged=${before.stagedVersions.length} ` +
              `runs=${before.runningRuns.length} found=${plan.totals.found} removed=${done.totals.removed} ` +
              `bytes=${done.totals.reclaimed} versionsLost=0\n`,
          );
        }
      },
      Math.max(60_000, KILLS * 2000),
    );
  });
});
