import type {
  DeleteResult,
  RetentionDecision,
  RetentionPlan,
  TagHistoryEntry,
  TagMoveResult,
  TagState,
} from '@stowage/core';
import type { TerminalStyle } from './terminal';
import { formatBytes, formatTime } from './format';
import { renderTable } from './table';

/** One line saying what a tag move did. */
export function renderTagMove(move: TagMoveResult): string {
  if (move.to === null)
    return `Removed tag "${move.tag}" of ${move.key} (it named ${move.from}).\n`;
  const from = move.from === null ? 'new tag' : `moved from ${move.from}`;
  return `Tag "${move.tag}" of ${move.key} now names ${move.to} (${from}).\n`;
}

/** The named tags of a key. */
export function renderTags(key: string, tags: readonly TagState[], style: TerminalStyle): string {
  if (tags.length === 0) return `${key} has no tags besides latest.\n`;
  return renderTable(
    tags,
    [
      { header: 'TAG', value: (t) => t.tag },
      { header: 'VERSION', value: (t) => t.version },
    ],
    style,
  );
}

/** Where a tag pointed over time, oldest first. */
export function renderTagHistory(
  key: string,
  tag: string,
  history: readonly TagHistoryEntry[],
  style: TerminalStyle,
): string {
  if (history.length === 0) return `${key} has never had the tag "${tag}".\n`;
  return renderTable(
    history,
    [
      { header: 'WHEN', value: (h) => formatTime(h.at) },
      { header: 'WHO', value: (h) => h.by },
      { header: 'FROM', value: (h) => h.from ?? '-' },
      { header: 'TO', value: (h) => h.version ?? '(removed)' },
    ],
    style,
  );
}

/** What `stowage delete` removed. */
export function renderDelete(result: DeleteResult): string {
  const tags =
    result.removedTags.length > 0
      ? `; tags removed: ${result.removedTags.map((t) => `"${t}"`).join(', ')}`
      : '';
  return (
    `Deleted ${result.versions.length} version(s) of ${result.key}: ${result.objects} object(s), ` +
    `${formatBytes(result.bytes)}${tags}.\n`
  );
}

const OUTCOME: Readonly<Record<RetentionDecision['outcome'], string>> = {
  planned: 'would delete',
  deleted: 'deleted',
  kept: 'kept (protected now)',
  failed: 'FAILED',
};

/** The table of `stowage gc --retention`: what goes (and, with --all, what stays and why). */
export function renderRetention(
  plan: RetentionPlan,
  dryRun: boolean,
  style: TerminalStyle,
): string {
  const rows = plan.decisions.filter((d) => d.action === 'delete');
  const parts: string[] = [`Retention rules: ${plan.rules}\n`];
  if (rows.length > 0) {
    parts.push(
      renderTable(
        rows,
        [
          { header: 'KEY', value: (d) => d.key },
          { header: 'VERSION', value: (d) => d.version },
          { header: 'CREATED', value: (d) => formatTime(d.createdAt) },
          { header: dryRun ? 'ACTION' : 'DONE', value: (d) => OUTCOME[d.outcome] },
          { header: 'NOTE', value: (d) => d.note ?? '', shrink: true },
        ],
        style,
      ),
    );
  }
  const { totals } = plan;
  const head = `${totals.versions} version(s) of ${totals.keys} key(s): ${totals.keep} kept by a rule or a protection`;
  if (dryRun) {
    parts.push(
      totals.delete === 0
        ? `${head}, none to delete.\n`
        : `${head}, ${totals.delete} would be deleted. Run again with --yes to delete them.\n`,
    );
  } else {
    const failed = totals.failed > 0 ? `, ${totals.failed} FAILED` : '';
    parts.push(`${head}; deleted ${totals.deleted} of ${totals.delete}${failed}.\n`);
  }
  return parts.join('');
}
