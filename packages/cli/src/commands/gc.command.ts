import type { Command } from 'commander';
import { collectGarbage, parseRetentionRules, StoreLifecycle } from '@stowage/core';
import type { GarbageReport, RetentionPlan, RetentionRules } from '@stowage/core';
import { action } from '../context';
import { CliError } from '../errors/cli.error';
import { UsageError } from '../errors/usage.error';
import type { CliIo } from '../io';
import { parseDuration } from '../options/duration.option';
import { renderGarbageReport } from '../output/gc-view';
import { renderRetention } from '../output/lifecycle-view';
import { withWorkspace } from '../workspace/workspace';

interface GcOptions {
  readonly yes?: boolean;
  readonly grace: string;
  readonly stale: string;
  readonly retention?: string;
}

/**
 * Registers `stowage gc`: shows what interrupted writers left (dry run), removes it with `--yes`.
 *
 * @remarks
 * Exit code 0 when the pass worked (whether or not it found garbage), 1 when some item could
 * not be removed, 2 for a wrong command line.
 */
export function registerGcCommand(program: Command, io: CliIo): void {
  program
    .command('gc')
    .description(
      'find temp files, uncommitted bytes, empty folders, incomplete uploads and dead runs; remove them with --yes',
    )
    .option('-y, --yes', 'remove what is found (default: only show it)')
    .option('--grace <duration>', 'keep anything younger than this (0, 90s, 30m, 1h, 2d)', '1h')
    .option('--stale <duration>', 'a running run with no heartbeat for this long is dead', '10m')
    .option(
      '--retention <rules>',
      'also delete old versions no rule keeps: last=N, tagged, younger=30d (comma-separated)',
    )
    .action(
      action<[], GcOptions>(io, async (ctx, opts) => {
        const graceMs = parseDuration(opts.grace, '--grace');
        const staleMs = parseDuration(opts.stale, '--stale');
        const rules = opts.retention === undefined ? undefined : retentionRules(opts.retention);
        const dryRun = opts.yes !== true;
        let retention: RetentionPlan | undefined;
        const report = await withWorkspace(ctx, { mustExist: true }, async (ws) => {
          if (rules !== undefined) {
            const life = new StoreLifecycle(ws.store);
            const plan = await life.planRetention(rules);
            retention = dryRun ? plan : await life.applyRetention(plan);
          }
          return collectGarbage(ws.store, { dryRun, graceMs, staleMs });
        });
        const kept = retention;
        if (kept === undefined) {
          ctx.printer.result(report, () => renderGarbageReport(report, ctx.style));
        } else {
          ctx.printer.result(
            { retention: kept, gc: report },
            () => renderRetention(kept, dryRun, ctx.style) + renderGarbageReport(report, ctx.style),
          );
        }
        if (report.totals.failed > 0) throw incomplete(report);
        if (kept !== undefined && kept.totals.failed > 0) throw retentionIncomplete(kept);
      }),
    );
}

function retentionRules(text: string): RetentionRules {
  try {
    return parseRetentionRules(text);
  } catch (error) {
    throw new UsageError(`stowage gc --retention "${text}" is not a list of retention rules.`, {
      details: { option: '--retention', value: text },
      fix: 'Write e.g. --retention "last=5,tagged,younger=30d" (see the cause for the wrong part).',
      cause: error,
    });
  }
}

function retentionIncomplete(plan: RetentionPlan): CliError {
  const first = plan.decisions.find((d) => d.outcome === 'failed');
  return new CliError(
    `stowage gc --retention could not delete ${plan.totals.failed} of ${plan.totals.delete} version(s) in ${plan.store}; first: ${first?.key ?? '?'}@${first?.version ?? '?'}: ${first?.note ?? ''}`,
    {
      code: 'CLI_GC_INCOMPLETE',
      details: { store: plan.store, failed: plan.totals.failed },
      fix: 'Fix the cause (permissions, a store that is unreachable) and run the same command again; what was deleted stays deleted.',
    },
  );
}

function incomplete(report: GarbageReport): CliError {
  const first = report.items.find((i) => i.outcome === 'failed');
  return new CliError(
    `stowage gc could not remove ${report.totals.failed} of ${report.totals.found} item(s) in ${report.store}; first: ${first?.path ?? '?'}: ${first?.error ?? ''}`,
    {
      code: 'CLI_GC_INCOMPLETE',
      details: { store: report.store, failed: report.totals.failed },
      fix: 'Fix the cause (permissions, a store that is unreachable) and run stowage gc --yes again; what was removed stays removed.',
    },
  );
}
