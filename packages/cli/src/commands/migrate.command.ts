import type { Command } from 'commander';
import { migrateStore } from '@stowage/core';
import type { MigrationReport } from '@stowage/core';
import { action } from '../context';
import type { CliIo } from '../io';
import { formatBytes } from '../output/format';
import { renderTable } from '../output/table';
import type { TerminalStyle } from '../output/terminal';
import { withWorkspace } from '../workspace/workspace';

interface MigrateOptions {
  readonly yes?: boolean;
}

const OUTCOME: Readonly<Record<string, string>> = {
  planned: 'would',
  done: 'done',
  skipped: 'SKIPPED',
};

const ACTION: Readonly<Record<string, string>> = {
  move: 'move into blob',
  duplicate: 'drop duplicate',
  record: 'rewrite record',
};

/** The table and summary of `stowage migrate`. */
export function renderMigration(report: MigrationReport, style: TerminalStyle): string {
  const parts: string[] = [];
  if (report.steps.length > 0)
    parts.push(
      renderTable(
        report.steps,
        [
          { header: 'KEY', value: (s) => `${s.key}@${s.version}` },
          { header: 'FILE', value: (s) => s.file },
          { header: 'SIZE', value: (s) => formatBytes(s.bytes), right: true },
          { header: 'STEP', value: (s) => ACTION[s.action] ?? s.action },
          { header: 'OUTCOME', value: (s) => OUTCOME[s.outcome] ?? s.outcome },
        ],
        style,
      ),
    );
  const head = report.dryRun ? 'Would migrate' : 'Migrated';
  parts.push(
    `${head} ${report.store} from format ${report.from} to ${report.to}: ${report.versions} version(s) read, ${report.steps.length} file(s) to content-addressed blobs, ${formatBytes(report.savedBytes)} of duplicates ${report.dryRun ? 'to free' : 'freed'}${report.markerWritten ? '' : report.from >= report.to ? ' (already at the newest format)' : ''}.`,
  );
  for (const note of report.notes) parts.push(note);
  if (report.dryRun && (report.steps.length > 0 || report.markerWritten))
    parts.push('Nothing was changed: run `stowage migrate --yes` to do it.');
  return `${parts.join('\n')}\n`;
}

/**
 * Registers `stowage migrate`: shows how the store's layout would be upgraded, upgrades it with
 * `--yes` (resumable: run it again after an interruption).
 */
export function registerMigrateCommand(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description(
      "upgrade the store's layout to the newest format (dedup of large files); shows the plan, runs it with --yes",
    )
    .option('-y, --yes', 'migrate (default: only show what would change)')
    .action(
      action<[], MigrateOptions>(io, async (ctx, opts) => {
        const report = await withWorkspace(ctx, { mustExist: true }, (ws) =>
          migrateStore(ws.store, { dryRun: opts.yes !== true }),
        );
        ctx.printer.result(report, () => renderMigration(report, ctx.style));
      }),
    );
}
