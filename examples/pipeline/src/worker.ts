import { LocalStore } from '@stowage/core';
import { RunWorker } from '@stowage/bullmq';

/**
 * `npm run worker`: a queue worker for the pipeline's steps on the local store (`STOWAGE_STORE`,
 * default `./.stowage`) and Redis (`REDIS_URL`); `CONCURRENCY` runs at once (default 1). Prints
 * `ready <worker id>` once it takes runs; SIGINT/SIGTERM stop it after its running steps.
 */
async function main(): Promise<void> {
  const worker = await RunWorker.start({
    store: new LocalStore(),
    ...(process.env['REDIS_URL'] === undefined ? {} : { redisUrl: process.env['REDIS_URL'] }),
    ...(process.env['QUEUE'] === undefined ? {} : { queue: process.env['QUEUE'] }),
    concurrency: Number(process.env['CONCURRENCY'] ?? '1'),
  });
  process.stdout.write(`ready ${worker.id}\n`);
  const stop = (): void => {
    worker.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`worker failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
