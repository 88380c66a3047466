import { MemoryStore } from '@stowage/core';
import type { Body, PutOptions, PutResult } from '@stowage/core';
import { writeVersionFiles } from '../../src/artifacts/artifact-files';
import { isLateChunks, lateChunks, type LateChunks } from '../../src/late-chunks';

/** A memory store that keeps the body each put was given, and may take late chunks as they are. */
class BodyRecordingStore extends MemoryStore {
  readonly bodies = new Map<string, Body>();
  constructor(readonly putLateChunks: boolean) {
    super();
  }
  override async put(path: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    this.bodies.set(path, body);
    return super.put(path, body, options);
  }
}

/** A header filled in late, then data: what an `.npz` body looks like to a store. */
function body(): LateChunks {
  const head = Buffer.alloc(4);
  return lateChunks([head, Buffer.from('data')], [0], async () => {
    head.write('HEAD');
  });
}

describe(writeVersionFiles, () => {
  describe('when a body has late chunks', () => {
    it('should hand it as it is to a store that takes late chunks (putLateChunks)', async () => {
      const store = new BodyRecordingStore(true);
      await writeVersionFiles(store, 'k', 'v1', [['a.npz', body()]]);
      const [given] = [...store.bodies.values()];
      expect(isLateChunks(given)).toBe(true);
      expect((await store.get([...store.bodies.keys()][0] as string)).toString()).toBe('HEADdata');
    });

    it('should fill it first and hand a list of buffers to any other store', async () => {
      const store = new BodyRecordingStore(false);
      await writeVersionFiles(store, 'k', 'v1', [['a.npz', body()]]);
      const [given] = [...store.bodies.values()];
      expect(isLateChunks(given)).toBe(false);
      expect(Array.isArray(given)).toBe(true);
      expect(Buffer.concat(given as Uint8Array[]).toString()).toBe('HEADdata');
    });
  });
});
