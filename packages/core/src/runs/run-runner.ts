import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Which process runs a run: stored in the run record while it runs, so a garbage collection can
 * tell a run whose process died from one that is still working.
 */
export interface RunnerRecord {
  /** `os.hostname()` of the machine (or container) running it. */
  readonly host: string;
  /** The process id, meaningful only on `host` (and in `scope`). */
  readonly pid: number;
  /**
   * On Linux, the boot id and pid namespace: two containers may share a host name but not a pid
   * namespace, and a pid is reused after a reboot. Absent where they cannot be read.
   */
  readonly scope?: string;
}

function readQuietly(read: () => string): string | undefined {
  try {
    return read().trim();
  } catch {
    return undefined;
  }
}

/** The {@link RunnerRecord} of the current process. */
export function currentRunner(): RunnerRecord {
  const boot = readQuietly(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8'));
  const pidNs = readQuietly(() => readlinkSync('/proc/self/ns/pid'));
  const scope = boot !== undefined && pidNs !== undefined ? `${boot}/${pidNs}` : undefined;
  return {
    host: hostname(),
    pid: process.pid,
    ...(scope !== undefined ? { scope } : {}),
  };
}

/**
 * Whether a process with this pid exists on this machine (signal 0 probes without signalling).
 *
 * @remarks
 * `EPERM` means the process exists but belongs to another user: it counts as alive.
 */
export function processExists(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/** Whether `runner` names a process that this machine (and pid namespace) can probe. */
export function isSameMachine(runner: RunnerRecord, here: RunnerRecord): boolean {
  return runner.host === here.host && runner.scope === here.scope;
}
