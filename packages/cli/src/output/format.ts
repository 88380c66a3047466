import { inspect } from 'node:util';
/** `1.5 KiB`, `12.0 MiB`: a byte count for people. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit] ?? ''}`;
}

/** A duration in milliseconds as `850 ms`, `2.4 s`, `3 m 12 s`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} m ${s % 60} s`;
}

/** An ISO timestamp as `2025-01-31 14:05:09` (UTC), or '' when absent. */
export function formatTime(iso: string | undefined): string {
  if (iso === undefined) return '';
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
}

/** A value as short text: strings as they are, numbers rounded to 4 significant digits, rest JSON. */
export function formatValue(value: unknown, max = 60): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number')
    text = Number.isInteger(value) ? String(value) : String(+value.toPrecision(4));
  else if (typeof value === 'bigint') text = `${value}n`;
  else text = isPlainJson(value) ? JSON.stringify(value) : inspect(value, INSPECT);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `a=1, b=2` for a record of labels; '' when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

const INSPECT = { depth: 4, breakLength: Infinity, maxArrayLength: 20, maxStringLength: 200 };

/** True for values `JSON.stringify` shows as they are: JSON scalars, arrays and plain records. */
function isPlainJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object' || depth > 20) return false;
  if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every((v) => isPlainJson(v, depth + 1));
}
