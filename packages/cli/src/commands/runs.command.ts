import type { Command } from 'commander';
import type { RunStatus } from '@stowage/core';
import type { PendingRun } from '@stowage/bullmq';
import { action, type CommandContext } from '../context';
import { UsageError } from '../errors/usage.error';
import type { CliIo } from '../io';
import { collect, parseKeyValues } from '../options/key-value.option';
import { runRecordJson } from '../output/run-json';
import { renderRun, renderRunList } from '../output/run-view';
import { bullmq } from '../workspace/bullmq-lazy';
import { withWorkspace } from '../workspace/workspace';

interface ListOptions {
  readonly label?: string[];
  readonly name?: string;
  readonly status?: string;
  readonly limit?: string;
  readonly queue?: string;
  readonly redis?: string;
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
    .option(
      '-s, --status <status>',
      `only runs with this status (${STATUSES.join(', ')}; with --queue also queued)`,
    )
    .option('--limit <count>', 'show at most this many')
    .option('--queue <name>', 'also list the runs still on this queue (stowage run --queue)')
    .option('--redis <url>', 'with --queue: Redis URL (default: REDIS_URL)')
    .action(
      action<[], ListOptions>(io, async (ctx, opts) => {
        if (opts.queue !== undefined && opts.status === 'queued') {
          const pending = (await listQueued(ctx, io, opts)).filter((p) => p.state !== 'running');
          ctx.printer.result(pending.map(queuedJson), () => renderRunList([], ctx.style, pending));
          return;
        }
        const filter = {
          labels: parseKeyValues(opts.label, '--label'),
          ...(opts.name !== undefined ? { name: opts.name } : {}),
          ...(opts.status !== undefined ? { status: parseStatus(opts.status) } : {}),
          ...(opts.limit !== undefined ? { limit: parseLimit(opts.limit) } : {}),
        };
        const found = await withWorkspace(ctx, { mustExist: true }, (ws) => ws.runs.list(filter));
        // From the queue: what has no run record yet (waiting, or running on a worker that
        // records runs when they end); with --status running, only the running ones.
        const recorded = new Set(found.map((r) => r.id));
        const pending =
          opts.queue === undefined || (opts.status !== undefined && opts.status !== 'running')
            ? []
            : (await listQueued(ctx, io, opts)).filter(
                (p) =>
                  !recorded.has(p.runId) && (opts.status === undefined || p.state === 'running'),
              );
        ctx.printer.result([...pending.map(queuedJson), ...found.map(runRecordJson)], () =>
          renderRunList(found, ctx.style, pending),
        );
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

/**
 * The runs still on the queue (newest first) that match the filters: they have no run record
 * yet, so `--label` and `--name` are matched against what was enqueued.
 */
async function listQueued(
  ctx: CommandContext,
  io: CliIo,
  opts: ListOptions,
): Promise<PendingRun[]> {
  const redisUrl = opts.redis ?? io.env['REDIS_URL'];
  const labels = parseKeyValues(opts.label, '--label');
  const limit = opts.limit === undefined ? 1000 : parseLimit(opts.limit);
  return withWorkspace(ctx, { mustExist: true }, async (ws) => {
    const queue = await bullmq().RunQueue.open({
      ...(redisUrl === undefined ? {} : { redisUrl }),
      queue: opts.queue ?? 'stowage',
      store: ws.store,
    });
    try {
      return (await queue.pending())
        .filter((p) => opts.name === undefined || p.name === opts.name)
        .filter((p) => Object.entries(labels).every(([k, v]) => p.labels[k] === v))
        .reverse()
        .slice(0, limit);
    } finally {
      await queue.close();
    }
  });
}

/** A run from the queue as `--json` prints it (beside run records): status `queued` or `running`. */
function queuedJson(p: PendingRun): unknown {
  return {
    id: p.runId,
    name: p.name,
    status: p.state === 'running' ? 'running' : 'queued',
    state: p.state,
    ...(p.workerId === undefined ? {} : { workerId: p.workerId }),
    ...(p.startedAt === undefined ? {} : { startedAt: p.startedAt.toISOString() }),
    enqueuedAt: p.enqueuedAt.toISOString(),
    attemptsMade: p.attemptsMade,
    labels: p.labels,
  };
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
