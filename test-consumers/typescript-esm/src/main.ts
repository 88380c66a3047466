// The README tour as a TypeScript ES module: relative imports carry their .js extension
// (module nodenext), decorators record parameter types, and run() is typed from the handler.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Handler, Input, LocalStore, Param, run } from '@stowage/core';
import { Playlist } from './playlist.js';

export class Jobs {
  @Handler({ outputs: ['playlist : file', 'count'] })
  make(@Param('size') size: number): [Playlist, number] {
    const tracks = Array.from({ length: size }, (_, i) => `track-${i + 1}.mp3`);
    return [new Playlist('road trip', tracks), tracks.length];
  }

  @Handler({ outputs: ['longest'] })
  longest(@Input('playlist') playlist: Playlist): string {
    return [...playlist.tracks].sort((a, b) => b.length - a.length)[0] ?? '';
  }
}

const root = mkdtempSync(join(tmpdir(), 'stowage-consumer-ts-esm-'));
try {
  const store = new LocalStore({ root });
  const first = await run([new Jobs(), 'make'], { store, params: { size: 12 } });
  assert.equal(first.status, 'completed', JSON.stringify(first.error));
  const second = await run([new Jobs(), 'longest'], {
    store,
    inputs: { playlist: 'store://playlist' },
  });
  assert.equal(second.status, 'completed', JSON.stringify(second.error));
  assert.equal(second.results.longest, 'track-10.mp3');
  // @ts-expect-error run() takes handlers only: the installed types must refuse a number.
  await assert.rejects(async () => run(42, { store }));
  console.log('typescript esm tour: ok');
} finally {
  rmSync(root, { recursive: true, force: true });
}
