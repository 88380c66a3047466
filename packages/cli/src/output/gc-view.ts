import type { GarbageItem, GarbageReport } from '@stowage/core';
import type { TerminalStyle } from './terminal';
import { formatBytes, formatDuration } from './format';
import { renderTable } from './table';

const KIND_LABEL: Readonly<Record<GarbageItem['kind'], string>> = {
  'temp-file': 'temp file',
  'empty-folder': 'empty folder',
  upload: 'upload',
  'staged-version': 'uncommitted',
  'lost-run': 'lost run',
  'unreferenced-blob': 'unused blob',
};

const OUTCOME_LABEL: Readonly<Record<GarbageItem['outcome'], string>> = {
  planned: 'would remove',
  removed: 'removed',
  marked: 'marked lost',
  kept: 'kept',
  failed: 'FAILED',
};

/** The table and summary of `stowage gc` (what would be removed, or what was). */
export function renderGarbageReport(report: GarbageReport, style: TerminalStyle): string {
  const now = Date.parse(report.now);
  const parts: string[] = [];
  if (report.items.length > 0) {
    parts.push(
      renderTable(
        report.items,
        [
          { header: 'KIND', value: (i) => KIND_LABEL[i.kind], shrink: true },
          { header: 'PATH', value: (i) => i.path },
          { header: 'SIZE', value: (i) => (i.bytes > 0 ? formatBytes(i.bytes) : ''), right: true },
          {
            header: 'AGE',
            value: (i) => formatDuration(now - Date.parse(i.modifiedAt)),
            right: true,
          },
          {
            header: report.dryRun ? 'ACTION' : 'DONE',
            value: (i) => `${outcome(i)}${i.error ? `: ${i.error}` : ''}`,
            shrink: true,
          },
          { header: 'WHY', value: (i) => i.reason, shrink: true },
        ],
        style,
      ),
    );
  }
  parts.push(...report.notes.map((note) => `Note: ${note}\n`));
  parts.push(summary(report));
  return parts.join('');
}

function outcome(item: GarbageItem): string {
  return item.kind === 'lost-run' && item.outcome === 'planned'
    ? 'would mark lost'
    : OUTCOME_LABEL[item.outcome];
}

function summary(report: GarbageReport): string {
  const { totals } = report;
  const grace = formatDuration(report.graceMs) || '0 ms';
  if (totals.found === 0) return `Nothing to collect (grace period ${grace}).\n`;
  if (report.dryRun) {
    return (
      `Dry run: ${totals.found} item(s), ${formatBytes(totals.bytes)} would be reclaimed ` +
      `(grace period ${grace}). Run again with --yes to remove them.\n`
    );
  }
  const kept = totals.kept > 0 ? `, ${totals.kept} kept (in use)` : '';
  const failed = totals.failed > 0 ? `, ${totals.failed} FAILED` : '';
  return `Removed ${totals.removed} of ${totals.found} item(s), ${formatBytes(totals.reclaimed)} reclaimed${kept}${failed}.\n`;
}
