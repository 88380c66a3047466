import { HandlerError, MemoryStore, NotFoundError, RunContext } from '@stowage/core';
import { handler } from '../../src/handlers/handler.function';
import { run } from '../../src/handlers/run';
import { runRecordPath } from '../../src/runs/run-record';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A memory store that remembers the path of every `put`. */
function countingStore(): { store: MemoryStore; puts: string[] } {
  const store = new MemoryStore({ name: 'record-at-start' });
  const puts: string[] = [];
  const put = store.put.bind(store);
  store.put = (path, body, options) => {
    puts.push(path);
    return put(path, body, options);
  };
  return { store, puts };
}

async function recordOnStore(store: MemoryStore, id: string): Promise<unknown> {
  try {
    return JSON.parse((await store.get(runRecordPath(id))).toString()) as unknown;
  } catch (error) {
    if (NotFoundError.is(error)) return undefined;
    throw error;
  }
}

const runPuts = (puts: readonly string[]) =>
  puts.filter((p) => p.startsWith('runs/') || p.startsWith('index/runs/'));

describe('run() with recordAtStart', () => {
  describe('when it is false', () => {
    it('should write nothing while the handler runs and the record once, with its entry, at the end', async () => {
      const { store, puts } = countingStore();
      let seenWhileRunning: unknown = 'not called';
      const shout = handler(async ({ text }: { text: string }) => {
        seenWhileRunning = await recordOnStore(store, 'quiet-1');
        return text.toUpperCase();
      });
      const record = await run(shout, {
        store,
        id: 'quiet-1',
        params: { text: 'hi' },
        returns: ['shouted'],
        recordAtStart: false,
      });
      expect(seenWhileRunning).toBeUndefined();
      expect(record.status).toBe('completed');
      const stored = (await recordOnStore(store, 'quiet-1')) as { status: string; results: object };
      expect(stored.status).toBe('completed');
      expect(stored.results).toEqual({ shouted: 'HI' });
      // one listing entry, then the record: half of what a run recorded at its start writes
      expect(runPuts(puts)).toHaveLength(2);
      expect(runPuts(puts).at(-1)).toBe(runRecordPath('quiet-1'));
    });

    it('should still record a handler that throws, with its error', async () => {
      const { store } = countingStore();
      const failing = handler(() => {
        throw new Error('no luck');
      });
      const record = await run(failing, { store, id: 'quiet-2', recordAtStart: false });
      expect(record.status).toBe('error');
      expect(await recordOnStore(store, 'quiet-2')).toMatchObject({
        status: 'error',
        error: { message: expect.stringContaining('no luck') as unknown },
      });
    });
  });

  describe('when it is left out', () => {
    it('should show the run as running in the store while the handler runs', async () => {
      const { store, puts } = countingStore();
      let seenWhileRunning: unknown;
      const look = handler(async () => {
        seenWhileRunning = await recordOnStore(store, 'loud-1');
        return 1;
      });
      await run(look, { store, id: 'loud-1' });
      expect(seenWhileRunning).toMatchObject({ status: 'running' });
      expect(runPuts(puts)).toHaveLength(4);
    });
  });

  describe('when it is not a boolean', () => {
    it('should refuse the options before any run exists', async () => {
      const { store, puts } = countingStore();
      const noop = handler(() => 1);
      await expect(
        run(noop, { store, recordAtStart: 'no' as unknown as boolean }),
      ).rejects.toMatchObject({ name: HandlerError.name, code: 'HANDLER_INVALID_OPTIONS' });
      expect(puts).toEqual([]);
    });
  });
});

describe('RunContext with recordAtStart false', () => {
  describe('when something is logged while it runs', () => {
    it('should write the record then, keep it alive from there, and stop when it ends', async () => {
      const { store } = countingStore();
      const ctx = await RunContext.start({
        store,
        id: 'quiet-3',
        heartbeatMs: 20,
        recordAtStart: false,
      });
      await sleep(60);
      expect(await recordOnStore(store, 'quiet-3')).toBeUndefined();
      await ctx.logResult('loss', 0.5);
      const first = (await recordOnStore(store, 'quiet-3')) as { heartbeatAt: string };
      expect(first).toMatchObject({ status: 'running', results: { loss: 0.5 } });
      // the heartbeat started with that first write
      for (let waited = 0; waited < 5_000; waited += 10) {
        const now = (await recordOnStore(store, 'quiet-3')) as { heartbeatAt: string };
        if (now.heartbeatAt !== first.heartbeatAt) break;
        await sleep(10);
      }
      const later = (await recordOnStore(store, 'quiet-3')) as { heartbeatAt: string };
      expect(Date.parse(later.heartbeatAt)).toBeGreaterThan(Date.parse(first.heartbeatAt));
      await ctx.complete();
      const done = await recordOnStore(store, 'quiet-3');
      await sleep(80);
      expect(await recordOnStore(store, 'quiet-3')).toEqual(done);
      expect(done).toMatchObject({ status: 'completed' });
    });
  });
});
