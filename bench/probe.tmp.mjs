import { S3Store } from '@stowage/s3';
import { StoreView } from '../packages/ui/dist/data/store-view.js';
import { runsPage } from '../packages/ui/dist/pages/runs.page.js';
import { artifactsPage } from '../packages/ui/dist/pages/artifacts.page.js';
const inner = new S3Store({ bucket: process.argv[2], endpoint: 'http://127.0.0.1:18080', region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test:tester', secretAccessKey: 'testing' } });
for (const path of process.argv.slice(3)) {
  const log = [];
  const t0 = performance.now();
  const store = Object.create(inner);
  store.get = async (p, r) => { const t = performance.now(); try { return await inner.get(p, r); } finally { log.push(`GET ${p} ${(t - t0).toFixed(0)}→${(performance.now() - t0).toFixed(0)}`); } };
  store.list = (prefix, o) => { const t = performance.now(); log.push(`LIST ${prefix} after=${o?.startAfter ?? ''} @${(t - t0).toFixed(0)}`); return inner.list(prefix, o); };
  const view = new StoreView({ store });
  const u = new URL(path, 'http://x');
  const page = u.pathname === '/runs' ? runsPage : artifactsPage;
  await page(view, u.searchParams);
  const ms = performance.now() - t0;
  console.log(`${path}: ${ms.toFixed(0)} ms, ${log.filter(l=>l.startsWith('GET')).length} GETs, ${log.filter(l=>l.startsWith('LIST')).length} LISTs`);
  if (process.env.V) console.log(log.join('\n'));
}
await inner.close?.();
