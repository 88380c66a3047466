import type { Command } from 'commander';
import { collectGarbage } from '@stowage/core';
import type { GarbageReport } from '@stowage/core';
import { action } from '../context';
import { CliError } from '../errors/cli.error';
import type { CliIo } from '../io';
import { parseDuration } from '../options/duration.option';
import { renderGarbageReport } from '../output/gc-view';
import { withWorkspace } from '../workspace/workspace';

interface GcOptions {
  readonly yes?: boolean;
  readonly grace: string;
  readonly stale: string;
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
    .action(
      action<[], GcOptions>(io, async (ctx, opts) => {
        const graceMs = parseDuration(opts.grace, '--grace');
        const staleMs = parseDuration(opts.stale, '--stale');
        const report = await withWorkspace(ctx, { mustExist: true }, (ws) =>
          collectGarbage(ws.store, { dryRun: opts.yes !== true, graceMs, staleMs }),
        );
        ctx.printer.result(report, () => renderGarbageReport(report, ctx.style));
        if (report.totals.failed > 0) throw incomplete(report);
      }),
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
