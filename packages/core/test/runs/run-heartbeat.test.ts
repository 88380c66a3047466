import { RunContext } from '../../src/runs/run-context';
import { RunHeartbeat } from '../../src/runs/run-heartbeat';
import { runRecordPath } from '../../src/runs/run-record';
import { MemoryStore } from '../../src/stores/memory.store';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function stored(store: MemoryStore, id: string): Promise<Record<string, unknown>> {
  return JSON.parse((await store.get(runRecordPath(id))).toString()) as Record<string, unknown>;
}

describe(RunHeartbeat, () => {
  describe('when a beat takes longer than the interval', () => {
    it('should never run two beats at once, and stop when told', async () => {
      let inFlight = 0;
      let most = 0;
      let beats = 0;
      const heartbeat = new RunHeartbeat(5, async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        beats++;
        await sleep(30);
        inFlight--;
      });
      heartbeat.start();
      // Until two beats have started (not a fixed time: a loaded machine may be slow to get there).
      while (beats < 2) await sleep(10);
      await sleep(40);
      heartbeat.stop();
      const after = beats;
      await sleep(50);
      expect(most).toBe(1);
      expect(after).toBeGreaterThanOrEqual(2);
      expect(beats).toBe(after);
    });
  });
});

describe('RunContext heartbeat', () => {
  let store: MemoryStore;
  beforeEach(() => {
    store = new MemoryStore({ name: 'heartbeat' });
  });

  describe('when a run is running', () => {
    it('should record its host and pid and refresh heartbeatAt until it ends', async () => {
      const run = await RunContext.start({ store, name: 'beating', heartbeatMs: 20 });
      const first = await stored(store, run.id);
      expect(first).toMatchObject({ status: 'running', runner: { pid: process.pid } });
      expect(typeof first.heartbeatAt).toBe('string');
      await sleep(120);
      const later = await stored(store, run.id);
      expect(Date.parse(String(later.heartbeatAt))).toBeGreaterThan(
        Date.parse(String(first.heartbeatAt)),
      );
      await run.complete();
      const done = await stored(store, run.id);
      await sleep(80);
      expect(await stored(store, run.id)).toEqual(done);
      expect(done.status).toBe('completed');
    });

    it('should set itself back to running when it was wrongly marked lost', async () => {
      const run = await RunContext.start({ store, name: 'alive', heartbeatMs: 20 });
      const record = await stored(store, run.id);
      await store.put(
        runRecordPath(run.id),
        Buffer.from(JSON.stringify({ ...record, status: 'lost' })),
      );
      await sleep(80);
      expect((await stored(store, run.id)).status).toBe('running');
      await run.complete();
    });
  });
});
