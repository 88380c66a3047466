// The README tour, given the @stowage/core module the entry file loaded (by `import`, by
// `require`, or bundled): two handlers, a run that reads the other's dataset, and errors that keep
// their class and code across the package boundary. One source for every way this project runs.
import assert from 'node:assert/strict';

/** Runs the tour on a local store at `root`; throws an AssertionError when something differs. */
export async function playTour(core, root) {
  const { handler, LocalStore, run, StowageError } = core;
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
    { name: 'longest', inputs: { tracks: Array }, outputs: ['last'] },
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
}
