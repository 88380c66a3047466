// The README tour as a CommonJS consumer writes it: require() from the installed tarballs, then
// the `stowage` command of @stowage/cli (installed as a bin) reads the same store.
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { handler, LocalStore, run, StowageError } = require('@stowage/core');
const { S3Store } = require('@stowage/s3');

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'stowage-consumer-cjs-'));
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
    await assert.rejects(
      async () => run(42, { store }),
      (e) => StowageError.is(e) && e.code === 'HANDLER_NOT_CALLABLE',
    );
    assert.equal(typeof S3Store, 'function');

    // The CLI from the tarball: both runs, newest first.
    const listed = JSON.parse(
      execFileSync('stowage', ['runs', '--store', root, '--json'], { encoding: 'utf8' }),
    );
    const names = (Array.isArray(listed) ? listed : listed.runs).map((r) => r.name);
    assert.deepEqual(names, ['longest', 'make']);
    const versions = execFileSync('stowage', ['--version'], { encoding: 'utf8' });
    assert.match(versions, /@stowage\/core\s+0\.1\.0/);
    console.log('cjs tour: ok');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
