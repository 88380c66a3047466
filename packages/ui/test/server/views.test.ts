import { startUiServer, type UiServer } from '../../src';
import { sampleStore, XSS, type SampleStore } from '../helpers/sample-store';
import { send, type Answer } from '../helpers/ui-client';

/** Markup with runs of whitespace made one space, and none left next to a tag. */
const squash = (text: string): string =>
  text.replace(/\s+/g, ' ').replace(/\s*(<[^>]+>)\s*/g, '$1');

const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';

describe('the lineage graph, metric charts and previews', () => {
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
  const get = async (path: string): Promise<Answer> => {
    const answer = await send(ui.port, path);
    return { ...answer, body: squash(answer.body) };
  };
  /** The `<svg class="lineage-graph">…</svg>` of a page. */
  const graphOf = (body: string): string =>
    /<svg class="lineage-graph"[\s\S]*?<\/svg>/.exec(body)?.[0] ?? '';

  describe('when the lineage page of an artifact is asked for', () => {
    it('should draw the producing run upstream and the readers and what they made downstream, as links', async () => {
      const page = await get(`/lineage?key=points&version=${sample.datasetVersion}`);
      expect(page.status).toBe(200);
      const svg = graphOf(page.body);
      expect(svg).toContain(
        `<a class="node node-run status-completed" href="/run?id=${sample.prepareRun}"`,
      );
      expect(svg).toContain(`href="/run?id=${sample.trainRun}"`);
      expect(svg).toContain(`href="/run?id=${sample.trainRun2}"`);
      expect(svg).toContain(
        `<a class="node node-run status-error" href="/run?id=${sample.failedRun}"`,
      );
      // Two levels down: the classifiers the train runs made.
      for (const v of sample.classifierVersions)
        expect(svg).toContain(`href="/artifact?key=classifier&amp;version=${v}"`);
      // The focus is drawn but not a link; score read the points by tag: a dashed edge.
      expect(svg).toContain('<g class="node node-artifact focus" aria-current="true">');
      expect(svg).toContain('class="edge by-tag"');
      // score (1 down) also read a classifier drawn 2 down: that edge points back, arrow at its start.
      expect(svg.match(/marker-start="url\(#arrow\)"/g)).toHaveLength(1);
      expect(svg).toMatch(/<text class="level"[^>]*>1 up<\/text ?>/);
      expect(svg).toMatch(/<text class="level"[^>]*>2 down<\/text ?>/);
      expect(page.body).not.toContain('Big graph');
    });

    it('should start from a run too, and escape every name in the graph', async () => {
      const page = await get(`/lineage?run=${sample.failedRun}&depth=2`);
      const svg = graphOf(page.body);
      expect(svg).toContain(
        `href="/artifact?key=classifier&amp;version=${sample.classifierVersions[1]}"`,
      );
      expect(svg).toContain(`href="/run?id=${sample.trainRun2}"`);
      // An input found by its exact reference is labelled with the kind its record gives.
      expect(svg).toMatch(/<text class="sub"[^>]*>model · /);
      expect(svg).toMatch(/>2 up<\/text ?>/);
      expect(svg).not.toMatch(/>3 up<\/text ?>/);
      expect(page.body).toContain('<strong aria-current="true">2</strong>');
      const xss = await get(`/lineage?run=${sample.xssRun}`);
      expect(xss.body).toContain(ESCAPED);
      expect(xss.body).not.toContain(XSS);
    });

    it('should be drawn on the artifact and run pages, with a link to the full graph', async () => {
      const artifact = (await get('/artifact?key=points')).body;
      expect(graphOf(artifact)).not.toBe('');
      expect(artifact).toContain(
        `<a href="/lineage?key=points&amp;version=${sample.datasetVersion}">Open the lineage graph</a>`,
      );
      const run = (await get(`/run?id=${sample.trainRun}`)).body;
      expect(graphOf(run)).toContain(`href="/run?id=${sample.prepareRun}"`);
      expect(run).toContain(`<a href="/lineage?run=${sample.trainRun}">Open the lineage graph</a>`);
    });

    it('should answer 400 without a key or run, 404 for an unknown one, and refuse traversal', async () => {
      expect((await get('/lineage')).status).toBe(400);
      expect((await get('/lineage?run=nope')).status).toBe(404);
      expect((await get('/lineage?key=nope')).status).toBe(404);
      expect((await get('/lineage?key=..%2F..%2Fruns')).status).toBe(400);
    });
  });

  describe('when the metrics of a key are charted over its versions', () => {
    it('should chart a model metric, oldest to newest, each point linking to its version', async () => {
      const page = (await get('/metrics?key=classifier')).body;
      expect(page).toContain('aria-label="Chart of accuracy across 2 versions"');
      const [first, second] = sample.classifierVersions;
      const at = (v: string | undefined): number =>
        page.indexOf(
          `<a href="/artifact?key=classifier&amp;version=${v ?? ''}" aria-label="version`,
        );
      expect(at(first)).toBeGreaterThan(0);
      expect(at(second)).toBeGreaterThan(at(first));
      expect(page).toMatch(/<td class="num">0.8<\/td>[\s\S]*<td class="num">0.9<\/td>/);
      // Extra data and the producing run's results can be picked too.
      expect(page).toContain('<option value="extra.threshold" >extra.threshold</option>');
      expect(page).toContain('<option value="run.loss" >run.loss</option>');
    });

    it('should chart the number picked and say when no version records one', async () => {
      const page = (await get('/metrics?key=classifier&metric=extra.threshold')).body;
      expect(page).toContain('aria-label="Chart of extra.threshold across 2 versions"');
      expect(page).toContain('<td class="num">0.25</td>');
      expect(page).toContain('<td class="num">0.5</td>');
      const none = (await get('/metrics?key=report')).body;
      expect(none).toContain('No version records a number');
      expect((await get('/metrics?key=nope')).status).toBe(404);
      expect((await get('/artifact?key=classifier')).body).toContain(
        '<a href="/metrics?key=classifier">Chart the metrics of these versions</a>',
      );
    });
  });

  describe('when a model is previewed', () => {
    it('should show its metrics, parameters, features and extra data from the record, escaped', async () => {
      const page = (await get('/artifact?key=classifier')).body;
      expect(page).toContain('Model (custom, logistic)');
      expect(page).toContain(
        '<h3>Metrics</h3><table><tbody><tr><th scope="row">accuracy</th><td class="num">0.9</td>',
      );
      expect(page).toContain('<th scope="row">epochs</th><td class="num">20</td>');
      expect(page).toContain('<h3>Inputs</h3>');
      expect(page).toContain('<td>x</td><td>float64</td>');
      expect(page).toContain('<th scope="row">threshold</th><td class="num">0.5</td>');
      expect(page).toContain(`<th scope="row">${ESCAPED}</th><td>${ESCAPED}</td>`);
      expect(page).not.toContain(XSS);
      expect(page.match(/<h[23]>Extra data<\/h[23]>/g)).toHaveLength(1);
    });
  });

  describe('when an .npz bundle is previewed', () => {
    it('should list each array with shape, dtype and summary, and a histogram of the first', async () => {
      const page = (await get('/artifact?key=arrays')).body;
      expect(page).toContain('2 arrays:');
      expect(page).toContain(
        '<th scope="row">weights</th><td>(3, 2)</td><td><code>f4</code></td><td class="num">6</td><td class="num">0</td><td class="num">1</td><td class="num">6</td><td class="num">3.5</td>',
      );
      expect(page).toContain('<th scope="row">bias</th><td>(3)</td>');
      expect(page).toContain('<h3>First array: weights</h3>');
      expect(page).toContain('aria-label="Histogram');
    });
  });

  describe('when active documents are previewed', () => {
    it('should show HTML as escaped text and serve it only as a sandboxed attachment', async () => {
      const page = (await get('/artifact?key=page')).body;
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page).not.toContain('<script>alert');
      const version = (await ui.view.artifacts.read('page')).version ?? '';
      const file = await send(ui.port, `/download?key=page&version=${version}&inline=1`);
      expect(file.headers['content-type']).toBe('application/octet-stream');
      expect(file.headers['content-disposition']).toMatch(/^attachment;/);
      expect(file.headers['content-security-policy']).toMatch(/; sandbox$/);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
    });

    it('should show an SVG plot only through <img>, whose answer is sandboxed', async () => {
      const page = (await get('/artifact?key=roc')).body;
      expect(page).not.toContain('<svg xmlns');
      const src = /<img class="preview" src="([^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, '&');
      const image = await send(ui.port, src ?? '/missing');
      expect(image.headers['content-type']).toBe('image/svg+xml');
      expect(image.headers['content-security-policy']).toMatch(/^default-src 'none'.*; sandbox$/);
    });
  });
});
