import { judgeRunLiveness, type LivenessProbe } from '../../src/runs/run-liveness';
import { currentRunner, processExists } from '../../src/runs/run-runner';

const NOW = Date.parse('2026-12-06T12:00:00.000Z');
const here = { host: 'box-a', pid: 100, scope: 'boot-1/pid:[1]' };
const probe = (alive: readonly number[]): LivenessProbe => ({
  now: NOW,
  staleMs: 10 * 60_000,
  here,
  processExists: (pid) => alive.includes(pid),
});
const minutesAgo = (m: number): string => new Date(NOW - m * 60_000).toISOString();

describe(judgeRunLiveness, () => {
  describe('when the run runs on this machine', () => {
    it('should call it dead as soon as its pid is gone, even with a fresh heartbeat', () => {
      const record = {
        status: 'running',
        heartbeatAt: minutesAgo(0),
        runner: { ...here, pid: 200 },
      };
      expect(judgeRunLiveness(record, probe([]))).toEqual({
        dead: true,
        lastSeen: minutesAgo(0),
        reason: 'its process 200 on box-a no longer exists',
      });
      expect(judgeRunLiveness(record, probe([200]))).toEqual({ dead: false });
    });

    it('should still call it dead when its pid exists but its heartbeat is stale (pid reused)', () => {
      const record = { status: 'running', heartbeatAt: minutesAgo(11), runner: here };
      expect(judgeRunLiveness(record, probe([100]))).toMatchObject({ dead: true });
    });
  });

  describe('when the run runs on another machine or pid namespace', () => {
    it('should never probe its pid and judge by the heartbeat alone', () => {
      const elsewhere = { host: 'box-a', pid: 200, scope: 'boot-1/pid:[2]' };
      const fresh = { status: 'running', heartbeatAt: minutesAgo(9), runner: elsewhere };
      expect(judgeRunLiveness(fresh, probe([]))).toEqual({ dead: false });
      const stale = { ...fresh, heartbeatAt: minutesAgo(11) };
      expect(judgeRunLiveness(stale, probe([]))).toMatchObject({
        dead: true,
        reason: expect.stringContaining('no heartbeat since') as unknown,
      });
    });
  });

  describe('when the record predates heartbeats', () => {
    it('should use the time the record was last written, then its start', () => {
      const legacy = { status: 'running', startedAt: minutesAgo(60) };
      expect(judgeRunLiveness(legacy, probe([]), new Date(NOW - 60_000))).toEqual({ dead: false });
      expect(judgeRunLiveness(legacy, probe([]))).toMatchObject({ dead: true });
    });
  });

  describe('when the run is not running', () => {
    it('should never call it dead', () => {
      for (const status of ['completed', 'error', 'warn', 'lost'])
        expect(judgeRunLiveness({ status, startedAt: minutesAgo(600) }, probe([]))).toEqual({
          dead: false,
        });
    });
  });
});

describe(currentRunner, () => {
  it('should name this process, and a probe should find it', () => {
    const me = currentRunner();
    expect(me.pid).toBe(process.pid);
    expect(me.host.length).toBeGreaterThan(0);
    expect(processExists(me.pid)).toBe(true);
    expect(processExists(-1)).toBe(false);
  });
});
