import { cpus, freemem, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import type { CaseOutcome, SubResult, Target } from './bench-case';
import type { MachineThroughput } from './baselines/machine-throughput';
import type { Stats } from './harness';

/** The machine a run came from: figures mean little without it. */
export interface MachineInfo {
  readonly node: string;
  readonly platform: string;
  readonly cpuCount: number;
  readonly cpuModel: string;
  readonly freeMemoryMiB: number;
  readonly totalMemoryMiB: number;
  readonly tmpdir: string;
  readonly date: string;
  /** 1-minute load average when the run started and when it ended (other work on the machine). */
  readonly loadAverage: { readonly start: number; readonly end: number };
  /** sha256 and memcpy MB/s on one core, measured at the start of the run. */
  readonly throughput?: MachineThroughput;
}

/** One entry of `bench/results/latest.json`. */
export interface CaseEntry {
  readonly id: string;
  readonly title: string;
  readonly stowage: Stats | null;
  readonly baseline: Stats | null;
  readonly ratio: number | null;
  readonly ratioMeaning: string | null;
  /** The target as text, e.g. `ratio >= 0.75`; `null` when the case only reports. */
  readonly target: string | null;
  /** Whether the target is reached; `null` when there is no target or nothing was measured. */
  readonly meets: boolean | null;
  readonly skipped?: string;
  /** The error message when the case crashed (the run then exits 1). */
  readonly error?: string;
  readonly seconds: number;
  readonly extra?: readonly SubResult[];
  readonly notes?: readonly string[];
  /** What limits the figure on this machine, as text (array cases). */
  readonly bound?: string;
}

/** The whole results file. */
export interface RunReport {
  readonly quick: boolean;
  readonly machine: MachineInfo;
  readonly cases: readonly CaseEntry[];
}

/** The 1-minute load average now. */
export function loadNow(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

/** Facts about this machine, taken now; `loadAtStart` is {@link loadNow} from the run's start. */
export function machineInfo(loadAtStart: number, throughput?: MachineThroughput): MachineInfo {
  const list = cpus();
  return {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpuCount: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    freeMemoryMiB: Math.round(freemem() / 2 ** 20),
    totalMemoryMiB: Math.round(totalmem() / 2 ** 20),
    tmpdir: tmpdir(),
    date: new Date().toISOString(),
    loadAverage: { start: loadAtStart, end: loadNow() },
    ...(throughput !== undefined ? { throughput } : {}),
  };
}

/** The target as text (`ratio <= 1.2`). */
export function targetText(target: Target | undefined): string | null {
  return target === undefined ? null : `${target.on} ${target.op} ${target.value}`;
}

/** Whether an outcome reaches its target; `null` when there is no target or no figure. */
export function meetsTarget(target: Target | undefined, outcome: CaseOutcome): boolean | null {
  if (target === undefined || 'skipped' in outcome) return null;
  const figure = target.on === 'stowage' ? outcome.stowage.median : outcome.ratio;
  if (figure === undefined) return null;
  return target.op === '<=' ? figure <= target.value : figure >= target.value;
}

/** Formats a number with about 3 significant digits, without exponent notation. */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

function formatStats(stats: Stats | null): string {
  if (stats === null) return '—';
  const range = `${formatNumber(stats.min)}–${formatNumber(stats.max)}`;
  return `${formatNumber(stats.median)} ${stats.unit} (${range})`;
}

function meetsCell(entry: CaseEntry): string {
  if (entry.error !== undefined) return 'crashed';
  if (entry.skipped !== undefined) return 'skipped';
  if (entry.meets === null) return 'reported';
  return entry.meets ? 'yes' : '**no**';
}

/** The results as a markdown table, one row per case plus one per sub-comparison. */
export function markdownTable(report: RunReport): string {
  const lines = [
    '| case | stowage (median, min–max) | baseline (median, min–max) | ratio | target | meets |',
    '|---|---|---|---|---|---|',
  ];
  for (const entry of report.cases) {
    const ratio = entry.ratio === null ? '—' : formatNumber(entry.ratio);
    const why = entry.error ?? entry.skipped;
    const stowage = why !== undefined ? `_${why}_` : formatStats(entry.stowage);
    lines.push(
      `| \`${entry.id}\` | ${stowage} | ${formatStats(entry.baseline)} | ${ratio} | ` +
        `${entry.target ?? '—'} | ${meetsCell(entry)} |`,
    );
    for (const sub of entry.extra ?? []) {
      lines.push(
        `| ↳ \`${sub.id}\` | ${formatStats(sub.stowage)} | ${formatStats(sub.baseline)} | ` +
          `${formatNumber(sub.ratio)} | — | reported |`,
      );
    }
  }
  const m = report.machine;
  lines.push(
    '',
    `Machine: Node ${m.node}, ${m.cpuCount} × ${m.cpuModel}, ${m.freeMemoryMiB} MiB free of ` +
      `${m.totalMemoryMiB} MiB, ${m.platform}, tmpdir ${m.tmpdir}, ${m.date}, load average ` +
      `${m.loadAverage.start} → ${m.loadAverage.end}` +
      (report.quick ? ' (--quick: sizes ÷ 8)' : ''),
  );
  if (m.throughput !== undefined) {
    lines.push(
      '',
      `One core of this machine: sha256 ${formatNumber(m.throughput.sha256MBps)} MB/s, memcpy ` +
        `${formatNumber(m.throughput.memcpyMBps)} MB/s (measured at the start of the run).`,
    );
  }
  if (Math.max(m.loadAverage.start, m.loadAverage.end) > m.cpuCount) {
    lines.push(
      '',
      `Warning: the load average exceeded the ${m.cpuCount} CPUs: other work shared the machine, so ` +
        'absolute figures are pessimistic; ratios (measured interleaved) are less affected.',
    );
  }
  const bounds = report.cases.filter((e) => e.bound !== undefined);
  if (bounds.length > 0) {
    lines.push('', 'Bounds:');
    for (const entry of bounds) lines.push(`- \`${entry.id}\`: ${entry.bound ?? ''}`);
  }
  const ratios = report.cases.filter((e) => e.ratioMeaning !== null);
  if (ratios.length > 0) {
    lines.push('', 'Ratios:');
    for (const entry of ratios) lines.push(`- \`${entry.id}\`: ${entry.ratioMeaning}`);
  }
  return lines.join('\n');
}
