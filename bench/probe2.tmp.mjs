import { S3Store } from '@stowage/s3';
const s = new S3Store({ bucket: process.argv[2], endpoint: 'http://127.0.0.1:18080', region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test:tester', secretAccessKey: 'testing' } });
async function list(prefix, after, n) { const t = performance.now(); let c = 0; for await (const x of s.list(prefix, { startAfter: after, pageSize: n })) { if (++c >= n) break; } return [c, performance.now() - t]; }
await list('runs/', undefined, 1);
for (let r = 0; r < 3; r++) {
  for (const n of [1, 50, 200, 550, 1000]) { const [c, ms] = await list('artifacts/', 'artifacts/dataset-00000', n); process.stdout.write(`${n}:${c}:${ms.toFixed(0)}ms  `); }
  const t = performance.now(); await s.get('bench-fixture.json'); process.stdout.write(`GET ${(performance.now()-t).toFixed(0)}ms\n`);
}
