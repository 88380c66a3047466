import { ConfigError } from '../errors/config.error';
import { DEFAULT_STALE_MS } from '../runs/run-liveness';
import type { RunnerRecord } from '../runs/run-runner';

/** Leftovers younger than this are never collected by default (1 hour). */
export const DEFAULT_GRACE_MS = 60 * 60 * 1000;

/** Options of {@link collectGarbage} (every field optional). */
export interface CollectGarbageOptions {
  /** Only report what would be removed (default `true`): pass `false` to remove it. */
  readonly dryRun?: boolean;
  /**
   * Leftovers (temporary files, staged bytes, empty folders, uploads) younger than this many
   * milliseconds are kept, so writers that are still working are never disturbed. Default 1 h.
   */
  readonly graceMs?: number;
  /** A `running` run with no heartbeat for this long (ms) is presumed dead. Default 10 min. */
  readonly staleMs?: number;
  /** The time to judge ages against (default: now). */
  readonly now?: Date | number;
  /** @internal The process judging liveness (default: this one); for tests. */
  readonly here?: RunnerRecord;
  /** @internal Whether a pid exists on this machine (default: signal 0); for tests. */
  readonly processExists?: (pid: number) => boolean;
}

/** {@link CollectGarbageOptions} with every default applied. */
export interface GcSettings {
  readonly dryRun: boolean;
  readonly graceMs: number;
  readonly staleMs: number;
  readonly now: number;
  readonly here?: RunnerRecord;
  readonly processExists?: (pid: number) => boolean;
}

function checkMs(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw new ConfigError(`Garbage collection option ${name} is ${String(value)}.`, {
    code: 'GC_OPTIONS_INVALID',
    details: { option: name, value },
    fix: `Pass ${name} as a number of milliseconds, 0 or more (default ${fallback}).`,
  });
}

/**
 * Applies the defaults of {@link CollectGarbageOptions} and checks them.
 *
 * @throws ConfigError (`GC_OPTIONS_INVALID`) for a negative or non-finite duration or a bad `now`.
 */
export function gcSettings(options: CollectGarbageOptions = {}): GcSettings {
  const now = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  if (!Number.isFinite(now)) {
    throw new ConfigError(`Garbage collection option now is ${String(options.now)}.`, {
      code: 'GC_OPTIONS_INVALID',
      details: { option: 'now', value: String(options.now) },
      fix: 'Pass now as a valid Date or a number of milliseconds since the epoch, or omit it.',
    });
  }
  return {
    dryRun: options.dryRun !== false,
    graceMs: checkMs('graceMs', options.graceMs, DEFAULT_GRACE_MS),
    staleMs: checkMs('staleMs', options.staleMs, DEFAULT_STALE_MS),
    now,
    ...(options.here !== undefined ? { here: options.here } : {}),
    ...(options.processExists !== undefined ? { processExists: options.processExists } : {}),
  };
}
