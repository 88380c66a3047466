import { startUiServer, type UiServer } from '../../src';
import { sampleStore, type SampleStore } from '../helpers/sample-store';
import { send } from '../helpers/ui-client';

describe('startUiServer', () => {
  let sample: SampleStore;
  beforeAll(async () => {
    sample = await sampleStore();
  });
  afterAll(() => sample.remove());

  describe('when no host is given', () => {
    let ui: UiServer;
    const warnings: string[] = [];
    beforeAll(async () => {
      ui = await startUiServer({ store: sample.store, warn: (m) => warnings.push(m) });
    });
    afterAll(() => ui.close());

    it('should bind loopback only, on a free port, and warn about nothing', () => {
      expect(ui.host).toBe('127.0.0.1');
      expect(ui.url).toBe(`http://127.0.0.1:${ui.port}/`);
      expect(ui.port).toBeGreaterThan(0);
      expect(warnings).toEqual([]);
    });

    it('should redirect / to the runs list', async () => {
      const answer = await send(ui.port, '/');
      expect(answer.status).toBe(302);
      expect(answer.headers['location']).toBe('/runs');
    });
  });

  describe('when told to bind a non-loopback address', () => {
    it('should warn that anyone who reaches it can read the store', async () => {
      const warnings: string[] = [];
      const ui = await startUiServer({
        store: sample.store,
        host: '0.0.0.0',
        warn: (m) => warnings.push(m),
      });
      try {
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toContain('not loopback');
        expect(ui.url).toBe(`http://127.0.0.1:${ui.port}/`);
      } finally {
        await ui.close();
      }
    });
  });

  describe('when the port is taken', () => {
    it('should reject with the listen error', async () => {
      const first = await startUiServer({ store: sample.store });
      try {
        await expect(
          startUiServer({ store: sample.store, port: first.port }),
        ).rejects.toMatchObject({
          code: 'EADDRINUSE',
        });
      } finally {
        await first.close();
      }
    });
  });
});
