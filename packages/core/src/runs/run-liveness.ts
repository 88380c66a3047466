import { isSameMachine, processExists, type RunnerRecord } from './run-runner';

/** How long a `running` run may go without a heartbeat before it is presumed dead (10 min). */
export const DEFAULT_STALE_MS = 10 * 60 * 1000;

/** What {@link judgeRunLiveness} needs to know about the world. */
export interface LivenessProbe {
  /** The current time (ms since the epoch). */
  readonly now: number;
  /** A heartbeat older than this (ms) means the run is dead. */
  readonly staleMs: number;
  /** The process doing the judging: pids are only probed on the same machine. */
  readonly here: RunnerRecord;
  /** Whether a pid exists on this machine (default: signal 0). */
  readonly processExists?: (pid: number) => boolean;
}

/** The fields of a stored run record that tell whether it is alive. */
export interface RunVitals {
  readonly status: string;
  readonly startedAt?: unknown;
  readonly heartbeatAt?: unknown;
  readonly runner?: unknown;
}

/** The verdict on one run: alive (or finished), or dead with why. */
export type RunLiveness =
  | { readonly dead: false }
  | { readonly dead: true; readonly reason: string; readonly lastSeen: string };

function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

function runnerOf(value: unknown): RunnerRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { host, pid, scope } = value as Record<string, unknown>;
  if (typeof host !== 'string' || typeof pid !== 'number') return undefined;
  return typeof scope === 'string' ? { host, pid, scope } : { host, pid };
}

/**
 * Decides whether a `running` run's process is gone.
 *
 * @remarks
 * A run is dead when its runner is on this machine (same host name, boot and pid namespace) and
 * its pid no longer exists, or when its last sign of life — `heartbeatAt`, else `lastWrite` (the
 * record's modification time, for records written before heartbeats), else `startedAt` — is
 * older than `staleMs`. A run that is not `running` is never dead here.
 */
export function judgeRunLiveness(
  record: RunVitals,
  probe: LivenessProbe,
  lastWrite?: Date,
): RunLiveness {
  if (record.status !== 'running') return { dead: false };
  const seen = timeOf(record.heartbeatAt) ?? lastWrite?.getTime() ?? timeOf(record.startedAt);
  const lastSeen = seen === undefined ? 'never' : new Date(seen).toISOString();
  const runner = runnerOf(record.runner);
  const exists = probe.processExists ?? processExists;
  if (runner !== undefined && isSameMachine(runner, probe.here) && !exists(runner.pid)) {
    return {
      dead: true,
      lastSeen,
      reason: `its process ${runner.pid} on ${runner.host} no longer exists`,
    };
  }
  if (seen === undefined || probe.now - seen > probe.staleMs) {
    const where = runner === undefined ? '' : ` (process ${runner.pid} on ${runner.host})`;
    return {
      dead: true,
      lastSeen,
      reason: `no heartbeat since ${lastSeen}${where}, more than ${Math.round(probe.staleMs / 1000)} s ago`,
    };
  }
  return { dead: false };
}
