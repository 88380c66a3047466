import { startUiServer, type UiServer } from '../../src';
import { allowedHosts, isLoopback } from '../../src/server/request-guard';
import { sampleStore, type SampleStore } from '../helpers/sample-store';
import { send } from '../helpers/ui-client';

describe('isLoopback', () => {
  describe('when given loopback and other names', () => {
    it('should accept localhost, 127.0.0.0/8 and ::1 only', () => {
      expect(['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'].map(isLoopback)).toEqual([
        true,
        true,
        true,
        true,
        true,
      ]);
      expect(['0.0.0.0', '192.168.1.2', 'example.com', '::'].map(isLoopback)).toEqual([
        false,
        false,
        false,
        false,
      ]);
    });
  });
});

describe('allowedHosts', () => {
  describe('when bound to a named host', () => {
    it('should allow loopback names and that host, each with the port', () => {
      expect([...allowedHosts('box.lan', 8080)].sort()).toEqual(
        ['127.0.0.1:8080', '[::1]:8080', 'box.lan:8080', 'localhost:8080'].sort(),
      );
    });
  });
});

describe('refuse (through the server)', () => {
  let sample: SampleStore;
  let ui: UiServer;
  beforeAll(async () => {
    sample = await sampleStore();
    ui = await startUiServer({ store: sample.store });
  });
  afterAll(async () => {
    await ui.close();
    sample.remove();
  });

  describe('when a method other than GET or HEAD is sent', () => {
    it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
      'should answer 405 to %s and change nothing',
      async (method) => {
        const answer = await send(ui.port, '/runs', { method });
        expect(answer.status).toBe(405);
        expect(answer.headers['allow']).toBe('GET, HEAD');
      },
    );
  });

  describe('when HEAD is sent', () => {
    it('should answer like GET, without a body', async () => {
      const answer = await send(ui.port, '/runs', { method: 'HEAD' });
      expect(answer.status).toBe(200);
      expect(answer.body).toBe('');
    });
  });

  describe('when the Host header names another site (DNS rebinding)', () => {
    it.each([
      'evil.example:PORT',
      'evil.example',
      '127.0.0.1',
      'localhost:1',
      '127.0.0.1.evil.example:PORT',
    ])('should answer 421 to Host "%s"', async (host) => {
      const answer = await send(ui.port, '/runs', { host: host.replace('PORT', String(ui.port)) });
      expect(answer.status).toBe(421);
      expect(answer.body).not.toContain('<');
    });
  });

  describe('when the Host header is a loopback name with the port', () => {
    it.each(['localhost', '127.0.0.1', '[::1]', 'LOCALHOST'])(
      'should serve Host %s',
      async (name) => {
        const answer = await send(ui.port, '/runs', { host: `${name}:${ui.port}` });
        expect(answer.status).toBe(200);
      },
    );
  });
});
