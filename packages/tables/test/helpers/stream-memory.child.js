'use strict';
// Measures, in its own process, the memory used to pack a stream of record batches as Parquet and
// to read a Parquet dataset back as a stream of batches (or whole, for comparison).
//   node --expose-gc -r <register-ts.js> this-file make <storeRoot> <rows>   → {uri, bytes, peakRss}
//   node --expose-gc -r <register-ts.js> this-file stream|whole <storeRoot> <uri> → {rows, peakRss}
// peakRss is the highest process RSS above the level before the work (modules and the WebAssembly
// module already loaded), sampled every millisecond by a worker thread.
const Module = require('node:module');
const { join } = require('node:path');
const { Worker } = require('node:worker_threads');

// register-ts maps `@stowage/<pkg>` to the sources; map core's internal entry too.
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveInternal(request, ...rest) {
  const mapped =
    request === '@stowage/core/internal'
      ? join(__dirname, '..', '..', '..', 'core', 'src', 'internal.ts')
      : request;
  return resolve.call(this, mapped, ...rest);
};
const { Table, makeVector } = require('apache-arrow');
const { LocalStore, PackagersManager } = require('@stowage/core');
const { streamRecordBatches, unpackTable } = require('@stowage/tables');

const [mode, root, arg] = process.argv.slice(2);
/** Rows per generated batch (5 columns of 8 bytes: 2.5 MiB). */
const BATCH_ROWS = 65_536;

async function* batches(rows) {
  let seed = 12345;
  for (let at = 0; at < rows; at += BATCH_ROWS) {
    const n = Math.min(BATCH_ROWS, rows - at);
    const columns = {};
    for (const name of ['a', 'b', 'c', 'd']) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        seed = (Math.imul(seed, 1103515245) + 12345) | 0;
        values[i] = seed / 65536; // noisy doubles: Parquet cannot shrink them much
      }
      columns[name] = makeVector(values);
    }
    columns.id = makeVector(BigInt64Array.from({ length: n }, (_, i) => BigInt(at + i)));
    yield new Table(columns).batches[0];
  }
}

async function measure(work) {
  const shared = new SharedArrayBuffer(8);
  const peak = new Float64Array(shared);
  const sampler = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const peak = new Float64Array(workerData);
     setInterval(() => { const r = process.memoryUsage.rss(); if (r > peak[0]) peak[0] = r; }, 1);
     setTimeout(() => parentPort.postMessage('ready'), 200);`,
    { eval: true, workerData: shared },
  );
  await new Promise((resolve) => sampler.once('message', resolve));
  global.gc();
  const before = process.memoryUsage.rss();
  peak[0] = before;
  const t0 = performance.now();
  const result = await work();
  const ms = Math.round(performance.now() - t0);
  const last = process.memoryUsage.rss();
  if (last > peak[0]) peak[0] = last;
  await sampler.terminate();
  return { ...result, peakRss: peak[0] - before, rssBefore: before, ms };
}

async function main() {
  const manager = new PackagersManager({ store: new LocalStore({ root }) });
  let result;
  if (mode === 'make') {
    result = await measure(async () => {
      const out = await manager.pack(batches(Number(arg)), 'big : dataset');
      return { uri: out.artifact.uri, bytes: out.artifact.size ?? null };
    });
  } else {
    const item = await manager.repository.open(arg);
    result = await measure(async () => {
      if (mode === 'whole') return { rows: (await unpackTable(item)).numRows };
      let rows = 0;
      let batchCount = 0;
      for await (const batch of streamRecordBatches(item)) {
        rows += batch.numRows;
        batchCount += 1;
      }
      return { rows, batches: batchCount };
    });
  }
  process.stdout.write(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
