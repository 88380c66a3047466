/** Bytes as `1.5 MB`. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit] ?? ''}`;
}

/** An ISO time as `2026-12-07 06:03:57` (UTC), or '' when absent. */
export function formatTime(iso: string | undefined): string {
  if (iso === undefined || iso === '') return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Milliseconds between two ISO times as `1m 05s`, or '' when either is missing. */
export function formatDuration(start: string | undefined, end: string | undefined): string {
  const ms = durationMs(start, end);
  if (ms === undefined) return '';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** Milliseconds between two ISO times, or undefined. */
export function durationMs(start: string | undefined, end: string | undefined): number | undefined {
  if (start === undefined || end === undefined) return undefined;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/** A param, result or preview cell as short text (JSON for objects, cut at `limit`). */
export function formatValue(value: unknown, limit = 200): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (value instanceof Date) text = value.toISOString();
  else if (value === undefined) text = '';
  else {
    try {
      text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? '';
    } catch {
      // A cycle or a throwing toJSON: say what it is rather than fail the page.
      text = `(${typeof value} that cannot be shown as JSON)`;
    }
  }
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
