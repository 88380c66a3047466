import type { PipelineResult } from './pipeline';
import { formatResult } from './pipeline';

/**
 * The table printed at the end of the demo: one line per step with its run, duration, results and
 * artifacts.
 */
export function summaryTable(result: PipelineResult): string {
  const rows = [result.prepare, result.train, result.evaluate].map((r) => [
    r.name,
    r.id,
    r.status,
    r.endedAt === undefined ? '' : `${Date.parse(r.endedAt) - Date.parse(r.startedAt)} ms`,
    Object.entries(r.results)
      .filter(([, v]) => typeof v !== 'object')
      .map(([k, v]) => `${k}=${formatResult(v)}`)
      .join(' '),
    r.artifacts.map((a) => a.key).join(', '),
  ]);
  const header = ['STEP', 'RUN', 'STATUS', 'TIME', 'RESULTS', 'ARTIFACTS'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
