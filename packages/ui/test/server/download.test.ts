import { startUiServer, type UiServer } from '../../src';
import { sampleStore, type SampleStore } from '../helpers/sample-store';
import { send } from '../helpers/ui-client';

describe('sendDownload', () => {
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
  const versionOf = async (key: string): Promise<string> =>
    (await ui.view.artifacts.read(key)).version ?? '';

  describe('when a file is downloaded', () => {
    it('should send the checked bytes as an attachment, nosniff and sandboxed', async () => {
      const answer = await send(ui.port, `/download?key=points&version=${sample.datasetVersion}`);
      expect(answer.status).toBe(200);
      expect(answer.body).toBe('x,label\n1.5,cat\n2.5,dog\n3.5,cat\n4.5,cow\n');
      expect(answer.headers['content-type']).toBe('application/octet-stream');
      expect(answer.headers['content-disposition']).toBe(
        `attachment; filename="data.csv"; filename*=UTF-8''data.csv`,
      );
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['content-security-policy']).toContain('sandbox');
    });

    it('should send an extra file of a directory by its recorded name', async () => {
      const answer = await send(
        ui.port,
        `/download?key=images&version=${await versionOf('images')}&file=b%2Ftwo.txt`,
      );
      expect(answer.body).toBe('two!');
      expect(answer.headers['content-disposition']).toContain('filename="two.txt"');
    });
  });

  describe('when active content is asked for inline', () => {
    it('should send SVG as an image under a sandbox CSP, never as a page', async () => {
      const answer = await send(
        ui.port,
        `/download?key=roc&version=${await versionOf('roc')}&inline=1`,
      );
      expect(answer.headers['content-type']).toBe('image/svg+xml');
      expect(answer.headers['content-disposition']).toMatch(/^inline;/);
      expect(answer.headers['content-security-policy']).toMatch(/default-src 'none'.*; sandbox$/);
    });

    it('should keep anything that is not an image an attachment', async () => {
      const answer = await send(
        ui.port,
        `/download?key=report&version=${await versionOf('report')}&inline=1`,
      );
      expect(answer.headers['content-type']).toBe('application/octet-stream');
      expect(answer.headers['content-disposition']).toMatch(/^attachment;/);
    });
  });
});
