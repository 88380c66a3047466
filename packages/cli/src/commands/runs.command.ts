import type { Command } from 'commander';
import type { RunStatus } from '@stowage/core';
import { action } from '../context';
import { UsageError } from '../errors/usage.error';
import type { CliIo } from '../io';
import { collect, parseKeyValues } from '../options/key-value.option';
import { runRecordJson } from '../output/run-json';
import { renderRun, renderRunList } from '../output/run-view';
import { withWorkspace } from '../workspace/workspace';

interface ListOptions {
  readonly label?: string[];
  readonly name?: string;
  readonly status?: string;
  readonly limit?: string;
}

const STATUSES: readonly RunStatus[] = ['running', 'completed', 'warn', 'error', 'lost'];

/** Registers `stowage runs [list]` and `stowage runs show <id>`. */
export function registerRunsCommands(program: Command, io: CliIo): void {
  const runs = program.command('runs').description('list runs (newest first) or show one');
  runs
    .command('list', { isDefault: true })
    .description('list runs, newest first')
    .option('-l, --label <key=value>', 'only runs with this label (repeatable)', collect)
    .option('-n, --name <name>', 'only runs of this name')
    .option('-s, --status <status>', `only runs with this status (${STATUSES.join(', ')})`)
    .option('--limit <count>', 'show at most this many')
    .action(
      action<[], ListOptions>(io, async (ctx, opts) => {
        const filter = {
          labels: parseKeyValues(opts.label, '--label'),
          ...(opts.name !== undefined ? { name: opts.name } : {}),
          ...(opts.status !== undefined ? { status: parseStatus(opts.status) } : {}),
          ...(opts.limit !== undefined ? { limit: parseLimit(opts.limit) } : {}),
        };
        const found = await withWorkspace(ctx, { mustExist: true }, (ws) => ws.runs.list(filter));
        ctx.printer.result(found.map(runRecordJson), () => renderRunList(found, ctx.style));
      }),
    );
  runs
    .command('show')
    .description('show one run: params, inputs, results, artifacts, error')
    .argument('<id>', 'the run id (see stowage runs)')
    .action(
      action<[string], object>(io, async (ctx, _opts, id) => {
        const run = await withWorkspace(ctx, { mustExist: true }, (ws) => ws.runs.read(id));
        ctx.printer.result(runRecordJson(run), () => renderRun(run, ctx.style));
      }),
    );
}

function parseStatus(text: string): RunStatus {
  const status = STATUSES.find((s) => s === text);
  if (status === undefined) {
    throw new UsageError(`--status "${text}" is not a run status.`, {
      fix: `Use one of: ${STATUSES.join(', ')}.`,
    });
  }
  return status;
}

function parseLimit(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`--limit "${text}" is not a positive whole number.`, {
      fix: 'Write --limit 10.',
    });
  }
  return n;
}
