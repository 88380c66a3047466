import type { Page } from 'playwright-core';
import type { UiServer } from '../../src';
import type { SampleStore } from '../helpers/sample-store';
import { RUN_BROWSER_TESTS } from './helpers/chromium';
import { openUiSession, type UiSession } from './helpers/ui-session';

(RUN_BROWSER_TESTS ? describe : describe.skip)(
  'the lineage graph, charts and previews in Chromium',
  () => {
    jest.setTimeout(60_000);
    let sample: SampleStore;
    let ui: UiServer;
    let session: UiSession | undefined;
    let page: Page;
    const problems: string[] = [];

    beforeAll(async () => {
      session = await openUiSession(problems);
      ({ sample, ui, page } = session);
    });
    afterAll(async () => {
      await session?.close();
    });
    const shot = (name: string): Promise<void> => session?.shot(name) ?? Promise.resolve();
    /** The aria-label of the focused element when it is a node of the lineage graph, else ''. */
    const focusedNode = (): Promise<string> =>
      page.evaluate<string>(
        "document.activeElement?.closest('svg.lineage-graph') ? document.activeElement.getAttribute('aria-label') ?? '' : ''",
      );

    describe('when the lineage graph is used with the keyboard', () => {
      it('should reach its nodes with Tab and follow one with Enter', async () => {
        await page.goto(`${ui.url}lineage?key=points&version=${sample.datasetVersion}`);
        await expect(page.locator('svg.lineage-graph a.node').count()).resolves.toBe(8);
        // The graph is drawn with the stylesheet: run boxes are outlined, edges are lines.
        const stroke = await page.evaluate<string>(
          "getComputedStyle(document.querySelector('svg.lineage-graph .node-run rect')).strokeWidth",
        );
        expect(stroke).toBe('1.5px');
        await shot('lineage');
        let label = '';
        for (let i = 0; i < 40 && label === ''; i++) {
          await page.keyboard.press('Tab');
          label = await focusedNode();
        }
        expect(label).toMatch(/^run prepare \(completed\)/);
        await page.keyboard.press('Enter');
        await page.waitForURL(`**/run?id=${sample.prepareRun}`);
        // The run page draws its own graph: the dataset it made is a node there.
        await expect(
          page.locator('svg.lineage-graph a.node', { hasText: 'points' }).count(),
        ).resolves.toBe(1);
      });

      it('should change the number of steps from the links above the graph', async () => {
        await page.goto(`${ui.url}lineage?key=points&version=${sample.datasetVersion}`);
        await page.locator('nav.steps a', { hasText: '1' }).click();
        await page.waitForURL('**depth=1');
        await expect(page.locator('svg.lineage-graph a.node').count()).resolves.toBe(4);
      });
    });

    describe('when a metric is picked on the compare page', () => {
      it('should chart it across the runs with axes and a point per run', async () => {
        await page.goto(`${ui.url}compare?run=${sample.trainRun}&run=${sample.trainRun2}`);
        await page.locator('#metric').selectOption('loss');
        await page.locator('form.metric-picker button').click();
        await page.waitForURL('**metric=loss');
        const chart = page.locator('svg.line-chart');
        await expect(chart.getAttribute('aria-label')).resolves.toBe('Chart of loss across 2 runs');
        await expect(chart.locator('circle.point').count()).resolves.toBe(2);
        await expect(chart.locator('text.tick').count()).resolves.toBeGreaterThan(3);
        await shot('compare-metric');
      });
    });

    describe('when a model key is charted over its versions', () => {
      it('should draw a point per version, each linking to it', async () => {
        await page.goto(`${ui.url}metrics?key=classifier`);
        const points = page.locator('svg.line-chart a');
        await expect(points.count()).resolves.toBe(2);
        await shot('metrics-versions');
        await points.last().click();
        await page.waitForURL(`**version=${sample.classifierVersions[1] ?? ''}`);
        expect(await page.locator('h1').textContent()).toBe('Artifact classifier');
      });
    });

    describe('when a model and an .npz are opened', () => {
      it('should show the model metrics and parameters, and each array of the bundle', async () => {
        await page.goto(`${ui.url}artifact?key=classifier`);
        await expect(
          page.locator('h3:text("Metrics") + table th').allTextContents(),
        ).resolves.toEqual(['accuracy', 'f1']);
        await shot('artifact-model');
        await page.goto(`${ui.url}artifact?key=arrays`);
        await expect(page.locator('table.arrays tbody th').allTextContents()).resolves.toEqual([
          'weights',
          'bias',
        ]);
        await expect(page.locator('svg.chart[aria-label^="Histogram"]').count()).resolves.toBe(1);
        await shot('artifact-npz');
      });
    });

    describe('when the active documents are opened', () => {
      it('should run none of their scripts and log no error on any new page', async () => {
        await page.goto(`${ui.url}artifact?key=page`);
        await page.goto(`${ui.url}artifact?key=roc`);
        await page.goto(`${ui.url}lineage?run=${sample.xssRun}`);
        expect(problems).toEqual([]);
      });
    });
  },
);
