import type { OutputStream } from '../io';
import { formatBytes } from './format';

/** Transfers smaller than this (4 MiB) get no progress bar. */
export const PROGRESS_THRESHOLD = 4 * 1024 * 1024;

const BAR_WIDTH = 24;

/**
 * A one-line progress bar for byte transfers, drawn on stderr.
 *
 * @remarks
 * Drawn only when the stream is a terminal and the transfer is at least
 * {@link PROGRESS_THRESHOLD} bytes: pipes and logs stay clean. It redraws only when the whole
 * percentage changes (at most ~100 redraws), and `done()` erases it.
 */
export class ProgressBar {
  private readonly enabled: boolean;
  private lastPercent = -1;
  private drawn = false;

  constructor(
    private readonly out: OutputStream,
    private readonly label: string,
    private readonly total: number,
    threshold = PROGRESS_THRESHOLD,
  ) {
    this.enabled = out.isTTY === true && total >= threshold && total > 0;
  }

  /** Reports that `bytes` bytes (in total so far) have been transferred. */
  update(bytes: number): void {
    if (!this.enabled) return;
    const percent = Math.min(100, Math.floor((bytes / this.total) * 100));
    if (percent === this.lastPercent) return;
    this.lastPercent = percent;
    const filled = Math.round((percent / 100) * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const text = `${this.label} ${bar} ${String(percent).padStart(3)}% ${formatBytes(bytes)} / ${formatBytes(this.total)}`;
    this.out.write(`\r${text}\u001b[K`);
    this.drawn = true;
  }

  /** Erases the bar (call on success and on failure). */
  done(): void {
    if (this.drawn) this.out.write('\r\u001b[K');
    this.drawn = false;
  }
}
