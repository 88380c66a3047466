import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

const FIXTURES = join(__dirname, '..', 'fixtures');
const HOOK = join(FIXTURES, 'register-ts.js');

/** What a {@link raceLatest} run saw. */
export interface LatestRace {
  /** Every version the writers committed. */
  readonly committed: readonly string[];
  /** `[committed, latest read right after]` where latest was older than the writer's commit. */
  readonly behind: readonly (readonly [string, string])[];
  /** Reads of `latest` by the concurrent reader, and those that went back. */
  readonly samples: number;
  readonly backwards: readonly (readonly [string, string])[];
}

function child(script: string, env: Record<string, string>, stdin: 'pipe' | 'ignore') {
  const proc = spawn(process.execPath, ['-r', HOOK, join(FIXTURES, script)], {
    env: { ...process.env, ...env, NODE_NO_WARNINGS: '1' },
    stdio: [stdin, 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  (proc.stdout as Readable).on('data', (c: Buffer) => (out += c.toString()));
  (proc.stderr as Readable).on('data', (c: Buffer) => (err += c.toString()));
  const done = new Promise<string>((resolve, reject) => {
    proc.on('error', reject);
    proc.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}: ${err}`)),
    );
  });
  const ready = new Promise<void>((resolve) => {
    const check = () =>
      out.includes('READY') ? resolve() : (proc.stdout as Readable).once('data', check);
    check();
  });
  return { proc, done, ready };
}

function lastJson<T>(out: string): T {
  return JSON.parse(out.trim().split('\n').pop() as string) as T;
}

/**
 * Runs `writers` child processes that each stage and commit `count` versions of `key`, plus one
 * reader process sampling `latest` the whole time, and collects what they saw.
 *
 * @param env - How the children open the store: `{ ROOT }` (LocalStore) or `{ STOWAGE_S3_OPTIONS }`.
 */
export async function raceLatest(
  env: Record<string, string>,
  key: string,
  writers: number,
  count: number,
): Promise<LatestRace> {
  const cache = mkdtempSync(join(tmpdir(), 'stowage-test-ts-cache-'));
  try {
    return await race({ ...env, STOWAGE_TS_CACHE: cache }, key, writers, count);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

async function race(
  env: Record<string, string>,
  key: string,
  writers: number,
  count: number,
): Promise<LatestRace> {
  // The reader starts first and fills the transpile cache the writers then load from.
  const reader = child('latest-reader.js', { ...env, KEY: key }, 'pipe');
  await reader.ready;
  const outputs = await Promise.all(
    Array.from(
      { length: writers },
      (_, i) =>
        child(
          'latest-writer.js',
          { ...env, KEY: key, COUNT: String(count), WRITER: `w${i}` },
          'ignore',
        ).done,
    ),
  ).finally(() => reader.proc.stdin?.end());
  const seen = lastJson<{ samples: number; backwards: [string, string][] }>(await reader.done);
  const results = outputs.map((o) =>
    lastJson<{ committed: string[]; behind: [string, string][] }>(o),
  );
  return {
    committed: results.flatMap((r) => r.committed),
    behind: results.flatMap((r) => r.behind),
    samples: seen.samples,
    backwards: seen.backwards,
  };
}
