import type { Page } from 'playwright-core';
import type { UiServer } from '../../src';
import type { SampleStore } from '../helpers/sample-store';
import { RUN_BROWSER_TESTS } from './helpers/chromium';
import { openUiSession, type UiSession } from './helpers/ui-session';

if (!RUN_BROWSER_TESTS)
  console.warn(
    'SKIPPING the UI browser tests: /usr/bin/chromium is missing and CI is not set.\n' +
      "  Install Debian's Chromium (apt-get install chromium); nothing downloads a browser.",
  );

(RUN_BROWSER_TESTS ? describe : describe.skip)('the UI in Chromium', () => {
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

  describe('when the store is opened', () => {
    it('should show the runs list, with the run named as markup shown as text', async () => {
      await page.goto(ui.url);
      expect(new URL(page.url()).pathname).toBe('/runs');
      expect(await page.title()).toBe('Runs · Stowage');
      await expect(page.locator('table.runs tbody tr').count()).resolves.toBe(5);
      await expect(
        page.getByText('<img src=x onerror=alert(1)>').first().isVisible(),
      ).resolves.toBe(true);
      await shot('runs');
    });
  });

  describe('when a lineage link is followed', () => {
    it('should go from a run to the dataset it read, to the run that made it, and back down', async () => {
      await page.goto(`${ui.url}run?id=${sample.trainRun}`);
      await page.locator('ul.lineage a', { hasText: 'prepare' }).first().click();
      await page.waitForURL(`**/run?id=${sample.prepareRun}`);
      expect(await page.locator('h1').textContent()).toBe('Run prepare');
      await shot('run');
      await page.locator('table a', { hasText: 'points' }).first().click();
      await page.waitForURL('**/artifact?key=points**');
      await page.locator('ul.lineage a', { hasText: 'train' }).first().click();
      await page.waitForURL('**/run?id=*');
      expect(await page.locator('h1').textContent()).toBe('Run train');
    });
  });

  describe('when two runs are picked and compared', () => {
    it('should show them side by side with the differing rows highlighted', async () => {
      await page.goto(`${ui.url}runs?q=train`);
      await page.locator(`input[value="${sample.trainRun}"]`).check();
      await page.locator(`input[value="${sample.trainRun2}"]`).check();
      await expect(page.locator('#compare-button').textContent()).resolves.toBe(
        'Compare selected (2)',
      );
      await page.locator('#compare-button').click();
      await page.waitForURL('**/compare?run=*');
      const epochs = page.locator('tr', { hasText: 'param epochs' });
      await expect(epochs.getAttribute('class')).resolves.toBe('diff');
      // Strings: this project compiles without the DOM types.
      const bg = (selector: string): Promise<string> =>
        page.evaluate<string>(
          `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).backgroundColor`,
        );
      expect(await bg('tr.diff td')).not.toBe(await bg('tbody tr:not(.diff) td'));
      // One chart: the first numeric result (accuracy) across the two runs, a point per run.
      await expect(page.locator('svg.chart').count()).resolves.toBe(1);
      await expect(page.locator('svg.chart circle.point').count()).resolves.toBe(2);
      await shot('compare');
    });
  });

  describe('when a dataset is opened', () => {
    it('should read its schema and first rows from the preview', async () => {
      await page.goto(`${ui.url}artifact?key=points`);
      const rows = page.locator('table.rows tbody tr');
      await expect(rows.count()).resolves.toBe(3);
      await expect(rows.first().locator('td').allTextContents()).resolves.toEqual(['1.5', 'cat']);
      await shot('artifact-dataset');
      await page.goto(`${ui.url}artifacts`);
      await shot('artifacts');
      await page.goto(`${ui.url}artifact?key=weights`);
      await shot('artifact-array');
    });
  });

  describe('when only the keyboard is used', () => {
    it('should reach the skip link, then the navigation in order, and follow a link with Enter', async () => {
      await page.goto(`${ui.url}runs`);
      const focused = (): Promise<string> =>
        page.evaluate<string>("document.activeElement?.textContent?.trim() ?? ''");
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Skip to content');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Runs');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Artifacts');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/artifacts');
      await page.keyboard.press('/');
      expect(await page.evaluate<string>('document.activeElement?.id')).toBe('search');
    });
  });

  describe('when every page was visited', () => {
    it('should have logged no console error or warning and opened no dialog', async () => {
      for (const path of [
        'artifact?key=roc',
        'artifact?key=pixel',
        'artifact?key=report',
        'artifact?key=damaged',
        `run?id=${sample.failedRun}`,
        `run?id=${sample.xssRun}`,
      ]) {
        await page.goto(`${ui.url}${path}`);
      }
      await shot('artifact-damaged');
      expect(problems).toEqual([]);
    });
  });
});
