import type { CopiedVersion, CopyResult } from '@stowage/core';
import { formatBytes } from './format';
import { renderTable } from './table';
import type { TerminalStyle } from './terminal';

const OUTCOME: Readonly<Record<CopiedVersion['outcome'], string>> = {
  copied: 'copied',
  present: 'already there',
  planned: 'would copy',
};

/** One progress line of `stowage cp` (stderr, on a terminal). */
export function renderCopiedVersion(v: CopiedVersion): string {
  return `${OUTCOME[v.outcome]} ${v.key}@${v.version} (${formatBytes(v.bytes)})\n`;
}

/** What `stowage cp` did (or, with --dry-run, would do). */
export function renderCopy(result: CopyResult, style: TerminalStyle): string {
  const parts: string[] = [];
  if (result.versions.length > 0) {
    parts.push(
      renderTable(
        result.versions,
        [
          { header: 'KEY', value: (v) => v.key },
          { header: 'VERSION', value: (v) => v.version },
          { header: 'FILES', value: (v) => String(v.files), right: true },
          { header: 'SIZE', value: (v) => formatBytes(v.bytes), right: true },
          { header: 'RESULT', value: (v) => OUTCOME[v.outcome] },
        ],
        style,
      ),
    );
  }
  for (const run of result.runs) {
    const why = run.lineage ? ' (produced a copied version)' : '';
    const what = run.outcome === 'present' ? 'already there' : run.outcome;
    parts.push(`Run ${run.id}${why}: ${result.dryRun ? 'would copy' : what}.\n`);
  }
  for (const tag of result.tags) {
    const from =
      tag.outcome === 'present' ? '' : tag.from === null ? ' (new tag)' : ` (was ${tag.from})`;
    const verb = { moved: 'now names', present: 'already names', planned: 'would name' }[
      tag.outcome
    ];
    parts.push(`Tag "${tag.tag}" of ${tag.key} ${verb} ${tag.version}${from}.\n`);
  }
  for (const warning of result.warnings) parts.push(`Note: ${warning}.\n`);
  const t = result.totals;
  const runs = result.runs.length > 0 ? `, ${t.runs} run record(s)` : '';
  parts.push(
    result.dryRun
      ? `Dry run: ${result.versions.filter((v) => v.outcome === 'planned').length} of ${t.versions} version(s) would be copied to ${result.to}; ${t.present} already there. Nothing was written.\n`
      : t.copied === 0 && t.runs === 0 && t.tags === 0
        ? `Nothing to copy: all ${t.versions} version(s) are already in ${result.to}.\n`
        : `Copied ${t.copied} version(s) (${formatBytes(t.bytes)})${runs} to ${result.to}; ${t.present} already there.\n`,
  );
  return parts.join('');
}
