/**
 * A worker process of the queue cases. `stowage` mode: a `RunWorker` on the S3 (or local) store;
 * `bare` mode: a plain BullMQ `Worker` whose processor puts the same 1 KB with the AWS SDK and
 * returns the same small result; `noop` mode: a BullMQ worker that only returns it. Prints `ready` once it takes jobs; SIGTERM closes it.
 *
 * Usage (by the parent only): `node queue-worker.child.js <stowage|bare|noop> <queue> <concurrency>`,
 * with `REDIS_URL` and `QUEUE_STORE` (a JSON `{ s3: connection }` or `{ root }`) in the environment.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { RunWorker, parseRedisUrl } from '@stowage/bullmq';
import { s3ClientConfig } from '@stowage/s3';
import { Worker } from 'bullmq';
import { PAYLOAD } from './queue-handlers.child';
import { openSpec, type QueueStoreSpec } from './queue-fixture';

async function main(): Promise<void> {
  const [mode, queue, concurrency] = process.argv.slice(2);
  const redisUrl = process.env['REDIS_URL'] ?? '';
  const spec = JSON.parse(process.env['QUEUE_STORE'] ?? '{}') as QueueStoreSpec;
  let close: () => Promise<void>;
  if (mode === 'stowage') {
    const worker = await RunWorker.start({
      redisUrl,
      queue: queue ?? '',
      store: openSpec(spec),
      concurrency: Number(concurrency),
    });
    close = () => worker.close();
  } else if (mode === 'noop') {
    const worker = new Worker(
      queue ?? '',
      (job) => Promise.resolve({ n: (job.data as { i: number }).i }),
      {
        connection: parseRedisUrl(redisUrl).options,
        concurrency: Number(concurrency),
      },
    );
    worker.on('error', () => undefined);
    await worker.waitUntilReady();
    close = () => worker.close();
  } else {
    if (!('s3' in spec)) throw new Error('the bare worker writes to S3 only');
    const client = new S3Client(s3ClientConfig(spec.s3));
    let n = 0;
    const worker = new Worker(
      queue ?? '',
      async (job) => {
        await client.send(
          new PutObjectCommand({
            Bucket: spec.s3.bucket,
            Key: `bare/${String(job.id)}/${++n}`,
            Body: PAYLOAD,
            ContentLength: PAYLOAD.byteLength,
          }),
        );
        return { n: (job.data as { i: number }).i };
      },
      { connection: parseRedisUrl(redisUrl).options, concurrency: Number(concurrency) },
    );
    worker.on('error', () => undefined);
    await worker.waitUntilReady();
    close = () => worker.close();
  }
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `queue worker failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(3);
});
