import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

interface HostileSummary {
  total: number;
  ok: number;
  typed: number;
  untyped: unknown[];
  slow: unknown[];
  polluted: number;
  maxMs: number;
  families: Record<string, { count: number; maxMs: number }>;
  memory: { shape: string; inputBytes: number; perInputByte: number; error?: string }[];
}

/** The largest heap a decoded value may keep, per byte of input (see docs/object-fallback.md). */
const MAX_KEPT_PER_INPUT_BYTE = 64;

/** Runs the hostile-payload child (its own V8, so an abort is an exit status, not a dead jest). */
function runHostileChild(): {
  status: number | null;
  signal: string | null;
  summary?: HostileSummary;
  stderr: string;
} {
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=512',
      '-r',
      join(__dirname, '..', 'fixtures', 'register-ts.js'),
      join(__dirname, 'fixtures', 'hostile-decode.child.js'),
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 150_000 },
  );
  const parsed = child.status === 0 ? (JSON.parse(child.stdout) as HostileSummary) : undefined;
  return {
    status: child.status,
    signal: child.signal,
    stderr: child.stderr.slice(-2000),
    ...(parsed !== undefined ? { summary: parsed } : {}),
  };
}

describe('ObjectSerializer under hostile input', () => {
  describe('when decoding 10,000+ hostile payloads in a child process', () => {
    const run = runHostileChild();

    it('should never abort the process', () => {
      expect({
        status: run.status,
        signal: run.signal,
        stderr: run.status === 0 ? '' : run.stderr,
      }).toEqual({
        status: 0,
        signal: null,
        stderr: '',
      });
    });

    it('should fail only with StowageError subclasses, each within a second of CPU time, never polluting prototypes', () => {
      const summary = run.summary;
      expect(summary).toBeDefined();
      if (summary === undefined) return;
      expect(summary.total).toBeGreaterThanOrEqual(10_000);
      expect(summary.untyped).toEqual([]);
      expect(summary.slow).toEqual([]);
      expect(summary.maxMs).toBeLessThan(1000);
      expect(summary.polluted).toBe(0);
      expect(summary.ok + summary.typed).toBe(summary.total);
      expect(summary.families['sharing']?.count).toBeGreaterThanOrEqual(1000);
    });

    it('should keep at most a bounded multiple of the input size per decoded value', () => {
      const memory = run.summary?.memory ?? [];
      expect(memory.length).toBeGreaterThanOrEqual(8);
      for (const shape of memory) {
        expect({ shape: shape.shape, error: shape.error }).toEqual({
          shape: shape.shape,
          error: undefined,
        });
        expect(shape.perInputByte).toBeLessThanOrEqual(MAX_KEPT_PER_INPUT_BYTE);
      }
    });
  });
});
