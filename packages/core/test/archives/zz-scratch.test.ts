import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { archiveDirectory, extractArchive } from '../../src/archives/directory-archive';
import { collect } from './helpers/hostile-archives';

it('perf', async () => {
  const base = mkdtempSync(join(tmpdir(), 'stowage-scratch-'));
  const n = Number(process.env['N'] ?? 10000);
  let t = performance.now();
  const paths: string[] = [];
  for (let d = 0; d * 1000 < n; d++) {
    mkdirSync(join(base, 'src', `d${d}`), { recursive: true });
    for (let i = 0; i < 1000 && d * 1000 + i < n; i++)
      paths.push(join(base, 'src', `d${d}`, `f${i}`));
  }
  for (let i = 0; i < paths.length; i += 64)
    await Promise.all(paths.slice(i, i + 64).map((p) => writeFile(p, 'x')));
  const lines = [`create ${n}: ${Math.round(performance.now() - t)}`];
  for (const format of ['zip', 'tar', 'tar.gz'] as const) {
    t = performance.now();
    const bytes = await collect((await archiveDirectory(join(base, 'src'), format)).body);
    lines.push(`${format} pack: ${Math.round(performance.now() - t)} ms, ${bytes.length} bytes`);
    t = performance.now();
    await extractArchive(Readable.from([bytes]), join(base, `out-${format}`), format);
    lines.push(`${format} unpack: ${Math.round(performance.now() - t)} ms`);
    rmSync(join(base, `out-${format}`), { recursive: true, force: true });
  }
  rmSync(base, { recursive: true, force: true });
  console.log(lines.join('\n'));
}, 900000);
