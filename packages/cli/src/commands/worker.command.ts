import type { Command } from 'commander';
import { action } from '../context';
import type { CliIo } from '../io';
import { bullmq } from '../workspace/bullmq-lazy';
import { cliManager } from '../workspace/cli-manager';
import { withWorkspace } from '../workspace/workspace';
import { UsageError } from '../errors/usage.error';

interface WorkerOptions {
  readonly queue?: string;
  readonly concurrency?: string;
  readonly redis?: string;
  readonly recordAtStart?: boolean;
}

/** Registers `stowage worker`: takes queued runs (`stowage run --queue`) until SIGINT/SIGTERM. */
export function registerWorkerCommand(program: Command, io: CliIo): void {
  program
    .command('worker')
    .description('run queued handler runs (BullMQ on Redis) against the store, until stopped')
    .option('--queue <name>', 'the queue to take runs from', 'stowage')
    .option('--concurrency <n>', 'runs at once in this process', '1')
    .option('--redis <url>', 'Redis URL (default: REDIS_URL, else redis://127.0.0.1:6379)')
    .option(
      '--record-at-start',
      'also write each run record when the run starts (status running), not only when it ends',
    )
    .action(
      action<[], WorkerOptions>(io, async (ctx, opts) => {
        const concurrency = Number(opts.concurrency ?? '1');
        if (!Number.isInteger(concurrency) || concurrency < 1) {
          throw new UsageError(
            `--concurrency ${String(opts.concurrency)} is not a positive integer.`,
            {
              fix: 'Give a whole number of runs at once, e.g. --concurrency 4.',
            },
          );
        }
        const redisUrl = opts.redis ?? io.env['REDIS_URL'];
        await withWorkspace(ctx, { mustExist: true }, async (ws) => {
          const worker = await bullmq().RunWorker.start({
            ...(redisUrl === undefined ? {} : { redisUrl }),
            queue: opts.queue ?? 'stowage',
            store: ws.store,
            // A factory: the worker makes a new manager after loading each handler module (its
            // imports may register packagers).
            manager: () => cliManager(io, { repository: ws.artifacts }),
            concurrency,
            ...(opts.recordAtStart === true ? { recordAtStart: true } : {}),
            onJobEnd: (e) =>
              io.stderr.write(`stowage worker: run ${e.runId} attempt ${e.attempt}: ${e.status}\n`),
          });
          io.stderr.write(
            `stowage worker ${worker.id}: taking runs from queue "${opts.queue ?? 'stowage'}" (store ${ws.store.url}); stop with Ctrl-C.\n`,
          );
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await worker.close();
        });
      }),
    );
}
