import { startUiServer, type UiServer } from '../../src';
import { PAGE_CSP } from '../../src/server/responses';
import { sampleStore, XSS, type SampleStore } from '../helpers/sample-store';
import { send, type Answer } from '../helpers/ui-client';

/** Markup with runs of whitespace made one space, and none left next to a tag. */
const squash = (text: string): string =>
  text.replace(/\s+/g, ' ').replace(/\s*(<[^>]+>)\s*/g, '$1');

const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';

describe('createUiHandler', () => {
  let sample: SampleStore;
  let ui: UiServer;
  const errors: unknown[] = [];
  beforeAll(async () => {
    sample = await sampleStore();
    ui = await startUiServer({ store: sample.store, onError: (e) => errors.push(e) });
  });
  afterAll(async () => {
    await ui.close();
    sample.remove();
  });
  // Pages are formatted markup: tests compare them with whitespace next to tags dropped.
  const get = async (path: string): Promise<Answer> => {
    const answer = await send(ui.port, path);
    return { ...answer, body: squash(answer.body) };
  };

  describe('when the runs list is asked for', () => {
    it('should list every run, newest first, with status, name, labels and host', async () => {
      const page = await get('/runs');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      const order = [
        sample.xssRun,
        sample.failedRun,
        sample.trainRun2,
        sample.trainRun,
        sample.prepareRun,
      ].map((id) => page.body.indexOf(`value="${id}"`));
      expect(order.every((at) => at > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(page.body).toContain('status-error');
      expect(page.body).toContain('pipeline=p1');
    });

    it('should filter by status and by a search in name, id and labels', async () => {
      const failed = await get('/runs?status=error');
      expect(failed.body).toContain(sample.failedRun);
      expect(failed.body).not.toContain(sample.trainRun);
      const found = await get('/runs?q=team%3Ddata');
      expect(found.body).toContain(sample.prepareRun);
      expect(found.body).not.toContain(sample.trainRun);
    });

    it('should sort by name when asked, both ways', async () => {
      const asc = (await get('/runs?sort=name&dir=asc')).body;
      expect(asc.indexOf(`value="${sample.xssRun}"`)).toBeLessThan(
        asc.indexOf(`value="${sample.prepareRun}"`),
      );
      const desc = (await get('/runs?sort=name&dir=desc')).body;
      expect(desc.indexOf(`value="${sample.trainRun}"`)).toBeLessThan(
        desc.indexOf(`value="${sample.prepareRun}"`),
      );
    });

    it('should send the strict page CSP and load its script from a file, none inline', async () => {
      const page = await get('/runs');
      expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
      expect(PAGE_CSP).toContain("script-src 'self'");
      expect(PAGE_CSP).not.toContain('unsafe-inline');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.body).toContain('<script src="/assets/ui.js" defer></script>');
      expect(page.body.match(/<script/g)).toHaveLength(1);
      // No event-handler attribute on any tag (attribute values, quoted and escaped, are skipped).
      expect(page.body).not.toMatch(/<[a-z]+(\s+[a-z-]+(="[^"]*")?)*\s+on[a-z]+=/i);
      expect((await get('/assets/ui.js')).headers['content-type']).toBe(
        'text/javascript; charset=utf-8',
      );
    });
  });

  describe('when a run is named, labelled and parametrised with markup', () => {
    it('should show the markup as text on the list and the run page', async () => {
      const list = await get('/runs');
      expect(list.body).toContain(ESCAPED);
      expect(list.body).not.toContain(XSS);
      const run = await get(`/run?id=${sample.xssRun}`);
      expect(run.body).toContain(`${ESCAPED}=${ESCAPED}`);
      expect(run.body).not.toContain(XSS);
    });

    it('should escape dataset preview cells and text previews too', async () => {
      const dataset = await get(`/artifact?key=points`);
      expect(dataset.body).toContain(ESCAPED);
      const report = await get('/artifact?key=report');
      expect(report.body).toContain(ESCAPED);
      expect(dataset.body + report.body).not.toContain(XSS);
    });
  });

  describe('when a run page is asked for', () => {
    it('should show params, inputs linked to the artifact version, results and artifacts', async () => {
      const page = (await get(`/run?id=${sample.trainRun}`)).body;
      expect(page).toContain('<th scope="row">epochs</th><td>10</td>');
      expect(page).toContain(`href="/artifact?key=points&amp;version=${sample.datasetVersion}"`);
      expect(page).toContain('<th scope="row">accuracy</th><td>0.8</td>');
      expect(page).toContain('href="/artifact?key=model&amp;version=');
    });

    it('should show the error of a failed run with its fix', async () => {
      const page = (await get(`/run?id=${sample.failedRun}`)).body;
      expect(page).toContain('NotFoundError [NOT_FOUND]</strong>: The model file is empty.');
      expect(page).toContain('How to fix: Train the model again, then score.');
    });

    it('should link the producing run of each input (lineage up) and the runs that read its outputs (down)', async () => {
      const train = (await get(`/run?id=${sample.trainRun}`)).body;
      expect(train).toContain(`made by<a href="/run?id=${sample.prepareRun}">prepare</a>`);
      const prepare = (await get(`/run?id=${sample.prepareRun}`)).body;
      expect(prepare).toContain(`read by<a href="/run?id=${sample.trainRun}">train</a>`);
      expect(prepare).toContain(`read by<a href="/run?id=${sample.failedRun}">score</a>`);
      expect(prepare).toContain('(by tag)');
    });

    it('should answer 404 for an unknown run and 400 for a malformed id, with the fix', async () => {
      const missing = await get('/run?id=nope');
      expect(missing.status).toBe(404);
      expect(missing.body).toContain('How to fix');
      const bad = await get('/run?id=..%2F..%2Fetc%2Fpasswd');
      expect(bad.status).toBe(400);
      expect((await get('/run')).status).toBe(400);
    });
  });

  describe('when the artifacts list is asked for', () => {
    it('should list each key with kind, versions, tags, size and producing run', async () => {
      const page = (await get('/artifacts')).body;
      expect(page).toContain(
        '<a href="/artifact?key=points">points</a></td><td>dataset</td><td class="num">1</td>',
      );
      expect(page).toContain(`<a href="/run?id=${sample.prepareRun}">prepare</a>`);
      expect(page).toContain(
        '<a href="/artifact?key=model">model</a></td><td>artifact</td><td class="num">2</td>',
      );
      const datasets = (await get('/artifacts?kind=dataset')).body;
      expect(datasets).toContain('key=points');
      expect(datasets).not.toContain('key=model"');
    });
  });

  describe('when an artifact version page is asked for', () => {
    it('should show record, packaging, integrity hash, files with downloads and versions', async () => {
      const page = (await get(`/artifact?key=points&version=${sample.datasetVersion}`)).body;
      expect(page).toMatch(/integrity<\/dt><dd>sha256<code>[0-9a-f]{64}<\/code>/);
      expect(page).toContain(
        `href="/download?key=points&amp;version=${sample.datasetVersion}" download`,
      );
      expect(page).toContain('<h2>Record</h2>');
      expect(page).toContain('Versions (1, newest first)');
      expect(page).toContain(`made by run<a href="/run?id=${sample.prepareRun}">prepare</a>`);
    });

    it('should preview a dataset from its record: schema, stats and first rows', async () => {
      const page = (await get('/artifact?key=points')).body;
      expect(page).toContain('4 rows, 2 columns');
      expect(page).toContain('<td>label</td><td>string</td><td>yes</td>');
      expect(page).toContain('<tr><td>1.5</td><td>cat</td></tr>');
    });

    it('should preview an array: shape, dtype and a summary', async () => {
      const page = (await get('/artifact?key=weights')).body;
      expect(page).toContain('shape (2, 3), dtype<code>f8</code>');
      expect(page).toContain('<th scope="row">mean</th><td class="num">3.5</td>');
      expect(page).toContain('aria-label="Histogram');
    });

    it('should show images through an inline download and SVG only as an image', async () => {
      expect((await get('/artifact?key=pixel')).body).toMatch(
        /<img class="preview" src="\/download\?key=pixel&amp;version=[^"]+&amp;inline=1"/,
      );
      const svg = (await get('/artifact?key=roc')).body;
      expect(svg).toContain('<img class="preview"');
      expect(svg).not.toContain('<script>alert');
    });

    it('should pretty-print JSON as escaped text and list a directory', async () => {
      expect((await send(ui.port, '/artifact?key=config')).body).toContain(
        '<pre class="text-preview">{\n  &quot;a&quot;: 1,',
      );
      const dir = (await get('/artifact?key=images')).body;
      expect(dir).toContain('<td>a/one.txt</td>');
      expect(dir).toContain('<td>b/two.txt</td>');
    });

    it('should show the integrity error of damaged bytes and keep serving', async () => {
      const page = await get('/artifact?key=damaged');
      expect(page.status).toBe(200);
      expect(page.body).toContain('The preview failed');
      expect(page.body).toContain('IntegrityError');
      const download = await get(`/download?key=damaged&version=${sample.damagedVersion}`);
      expect(download.status).toBe(500);
      expect(download.body).toContain('IntegrityError');
      expect((await get('/runs')).status).toBe(200);
    });
  });

  describe('when a path tries to leave the store', () => {
    it.each([
      '/artifact?key=..%2F..%2Fruns',
      '/artifact?key=../../etc/passwd',
      '/download?key=points&version=..%2F..&file=..%2F..%2Fruns',
      '/download?key=..%252F..&version=x',
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2F..%2Fpackage.json',
    ])('should reach nothing outside it: %s', async (path) => {
      const answer = await get(path);
      expect([400, 404]).toContain(answer.status);
      expect(answer.body).not.toContain('root:');
      expect(answer.body).not.toContain('"schemaVersion"');
    });

    it('should refuse a file name the version does not record', async () => {
      const answer = await get(
        `/download?key=points&version=${sample.datasetVersion}&file=..%2Frecords%2F${sample.datasetVersion}.json`,
      );
      expect(answer.status).toBe(404);
    });
  });

  describe('when two runs are compared', () => {
    it('should show params and results side by side and mark the rows that differ', async () => {
      const page = (await get(`/compare?run=${sample.trainRun}&run=${sample.trainRun2}`)).body;
      expect(page).toMatch(
        /<tr class="diff"><th scope="row">param epochs<span[^>]*>≠<\/span><\/th><td>10<\/td><td>20<\/td><\/tr>/,
      );
      expect(page).toMatch(/<tr><th scope="row">param lr<\/th><td>0.1<\/td><td>0.1<\/td><\/tr>/);
      expect(page).toContain('class="diff"><th scope="row">result accuracy');
      expect(page).toContain('aria-label="Chart of accuracy across 2 runs"');
      // The first numeric result is charted until another is picked: one point per run, linked.
      expect(page).toContain('<option value="accuracy" selected>accuracy</option>');
      expect(page).toContain(`<a href="/run?id=${sample.trainRun}" aria-label="#1 run train`);
    });

    it('should chart the metric picked in the form, keeping the runs', async () => {
      const page = (
        await get(`/compare?run=${sample.trainRun}&run=${sample.trainRun2}&metric=loss`)
      ).body;
      expect(page).toContain('aria-label="Chart of loss across 2 runs"');
      expect(page).toContain('<option value="loss" selected>loss</option>');
      expect(page).toContain(`<input type="hidden" name="run" value="${sample.trainRun2}" />`);
      // An unknown metric falls back to the first.
      const other = (
        await get(
          `/compare?run=${sample.trainRun}&run=${sample.trainRun2}&metric=${encodeURIComponent(XSS)}`,
        )
      ).body;
      expect(other).toContain('aria-label="Chart of accuracy across 2 runs"');
      expect(other).not.toContain(XSS);
    });

    it('should ask for 2 to 10 runs when given fewer or more', async () => {
      expect((await get(`/compare?run=${sample.trainRun}`)).body).toContain('Pick 2 to 10 runs');
      const eleven = Array.from({ length: 11 }, (_, i) => `run=r${i}`).join('&');
      expect((await get(`/compare?${eleven}`)).body).toContain('You picked 11.');
    });
  });

  describe('when a page does not exist', () => {
    it('should answer 404 with a way back', async () => {
      const answer = await get('/nowhere');
      expect(answer.status).toBe(404);
      expect(answer.body).toContain('Start from the Runs or Artifacts page.');
    });
  });
});
