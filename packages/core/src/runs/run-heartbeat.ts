/** How often a running run refreshes its record by default (30 s). */
export const DEFAULT_HEARTBEAT_MS = 30_000;

/**
 * Calls `beat` every `intervalMs` until stopped, without keeping the process alive.
 *
 * @remarks
 * The timer is `unref`'d: a process whose work is done exits even if a run was never finished
 * (its record then shows a dead pid, which garbage collection marks `lost`). A beat that is
 * still in flight when the next is due is not doubled. `intervalMs <= 0` starts nothing.
 */
export class RunHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private beating = false;

  constructor(
    private readonly intervalMs: number,
    private readonly beat: () => Promise<void>,
  ) {}

  /** Starts the timer (once). */
  start(): void {
    if (this.timer !== undefined || !(this.intervalMs > 0)) return;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer; safe to call more than once. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    if (this.beating) return;
    this.beating = true;
    this.beat()
      .catch(() => undefined)
      .finally(() => {
        this.beating = false;
      });
  }
}
