import { markRunLost } from '../../src/runs/lost-run';
import { parseRunRecord } from '../../src/runs/run-record';
import { MemoryStore } from '../../src/stores/memory.store';

const PATH = 'runs/r1.json';
const running = {
  schemaVersion: 2,
  id: 'r1',
  name: 'train',
  status: 'running',
  params: { seed: { $bigint: '7' } },
  results: {},
  artifacts: [{ key: 'm', uri: 'store://m@v', kind: 'model', version: 'v' }],
  startedAt: '2026-12-06T10:00:00.000Z',
};

describe(markRunLost, () => {
  let store: MemoryStore;
  beforeEach(() => {
    store = new MemoryStore({ name: 'lost' });
  });

  describe('when the record is still what the verdict was made on', () => {
    it('should mark it lost with the reason and keep every other field', async () => {
      const seen = Buffer.from(JSON.stringify(running));
      await store.put(PATH, seen);
      const now = new Date('2026-12-06T12:00:00.000Z');
      expect(await markRunLost(store, PATH, seen, 'its process 7 is gone', now)).toBe('marked');
      const record = parseRunRecord(await store.get(PATH), PATH);
      expect(record).toMatchObject({
        status: 'lost',
        endedAt: now.toISOString(),
        lostAt: now.toISOString(),
        params: { seed: 7n },
        artifacts: running.artifacts,
        error: { name: 'RunLost', code: 'RUN_LOST' },
      });
      expect(record.error?.message).toContain('its process 7 is gone');
    });
  });

  describe('when the run wrote its record again after the verdict', () => {
    it('should leave the record alone', async () => {
      const seen = Buffer.from(JSON.stringify(running));
      const newer = Buffer.from(JSON.stringify({ ...running, heartbeatAt: 'later' }));
      await store.put(PATH, newer);
      expect(await markRunLost(store, PATH, seen, 'stale', new Date())).toBe('changed');
      expect((await store.get(PATH)).equals(newer)).toBe(true);
      await store.delete(PATH);
      expect(await markRunLost(store, PATH, seen, 'stale', new Date())).toBe('gone');
    });
  });
});
