// The README tour as an ES module consumer writes it, run as it is by Node and as bundles made by
// esbuild (ESM and CommonJS) and Rollup; the first argument names the way, for the report line.
// The body is wrapped in main() so the CommonJS bundle, which has no top-level await, runs it too.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handler, LocalStore, run, StowageError } from '@stowage/core';

const WAY = process.argv[2] ?? 'node';

async function main() {
  const root = mkdtempSync(join(tmpdir(), `stowage-consumer-${WAY}-`));
  try {
    const store = new LocalStore({ root });
    const make = handler(
      ({ size }) => {
        const tracks = Array.from({ length: size }, (_, i) => ({ title: `track-${i + 1}`, n: i }));
        return [tracks, tracks.length];
      },
      { name: 'make', params: ['size'], outputs: ['tracks : dataset', 'count'] },
    );
    const longest = handler(
      ({ tracks }) =>
        tracks
          .map((t) => t.title)
          .sort()
          .at(-1),
      {
        name: 'longest',
        inputs: { tracks: Array },
        outputs: ['last'],
      },
    );

    const first = await run(make, { store, params: { size: 12 } });
    assert.equal(first.status, 'completed', JSON.stringify(first.error));
    assert.equal(first.results.count, 12);
    const second = await run(longest, { store, inputs: { tracks: 'store://tracks' } });
    assert.equal(second.status, 'completed', JSON.stringify(second.error));
    assert.equal(second.results.last, 'track-9');

    // Errors keep their class and code across the package boundary.
    const missing = await run(longest, { store, inputs: { tracks: 'store://nothing-here' } });
    assert.equal(missing.status, 'error');
    assert.equal(typeof missing.error?.code, 'string', JSON.stringify(missing.error));
    await assert.rejects(
      async () => run(42, { store }),
      (e) => StowageError.is(e) && e.code === 'HANDLER_NOT_CALLABLE',
    );
    console.log(`tour (${WAY}): ok`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
