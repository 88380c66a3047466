// The memory bound of streaming: a Parquet dataset packed from a stream of batches and read back
// as a stream of batches, each in a fresh child process whose RSS is sampled every millisecond.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHILD = join(__dirname, 'helpers', 'stream-memory.child.js');
const REGISTER = join(__dirname, '..', '..', 'core', 'test', 'fixtures', 'register-ts.js');
/** 1,500,000 rows × 5 noisy 8-byte columns: a 62 MB Parquet file (a whole read peaks ~340 MiB). */
const ROWS = 1_500_000;
const MIB = 2 ** 20;
/** The documented bounds (docs/tables.md) of peak RSS growth, default batch and row group sizes. */
const PACK_BOUND = 256 * MIB;
const READ_BOUND = 192 * MIB;
const TIMEOUT = 180_000;

interface Measured {
  readonly peakRss: number;
  readonly uri?: string;
  readonly bytes?: number | null;
  readonly rows?: number;
}

describe('streaming a Parquet dataset (memory, child processes)', () => {
  let dir: string;
  let cache: string;
  let made: Measured;

  function child(args: string[]): Measured {
    const run = spawnSync(process.execPath, ['--expose-gc', '-r', REGISTER, CHILD, ...args], {
      encoding: 'utf8',
      timeout: TIMEOUT,
      env: { ...process.env, STOWAGE_TS_CACHE: cache },
    });
    if (run.status !== 0)
      throw new Error(`memory child failed (${String(run.status ?? run.signal)}): ${run.stderr}`);
    return JSON.parse(run.stdout) as Measured;
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stowage-tables-stream-memory-'));
    cache = mkdtempSync(join(tmpdir(), 'stowage-tables-ts-cache-'));
    made = child(['make', join(dir, 'store'), String(ROWS)]);
  }, TIMEOUT);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  describe('when 1,500,000 rows are packed from a stream of 65,536-row batches', () => {
    it('should stay under the pack bound, well below the 62 MB file it writes', () => {
      expect(made.bytes).toBeGreaterThan(55 * 1e6);
      expect(made.peakRss).toBeLessThanOrEqual(PACK_BOUND);
    });
  });

  describe('when the dataset is read back as a stream of batches', () => {
    it(
      'should see every row and stay under the read bound',
      () => {
        const read = child(['stream', join(dir, 'store'), made.uri as string]);
        expect(read.rows).toBe(ROWS);
        expect(read.peakRss).toBeLessThanOrEqual(READ_BOUND);
      },
      TIMEOUT,
    );
  });
});
