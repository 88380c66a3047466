// The README tour as a CommonJS consumer writes it: require() from the installed tarballs, then
// the `stowage` command of @stowage/cli (installed as a bin) reads the same store.
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const core = require('@stowage/core');
const { S3Store } = require('@stowage/s3');

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'stowage-consumer-require-'));
  try {
    // The steps are an ES module; the package under test is the one require() loaded.
    const { playTour } = await import('./tour-steps.mjs');
    await playTour(core, root);
    assert.equal(typeof S3Store, 'function');

    // The CLI from the tarball: the three runs, newest first.
    const listed = JSON.parse(
      execFileSync('stowage', ['runs', '--store', root, '--json'], { encoding: 'utf8' }),
    );
    const names = (Array.isArray(listed) ? listed : listed.runs).map((r) => r.name);
    assert.deepEqual(names, ['longest', 'longest', 'make']);
    const versions = execFileSync('stowage', ['--version'], { encoding: 'utf8' });
    assert.match(versions, /@stowage\/core\s+0\.1\.0/);
    console.log('tour (require + stowage command): ok');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
