import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startUiServer, type UiServer } from '../../../src';
import { sampleStore, type SampleStore } from '../../helpers/sample-store';
import { launchChromium } from './chromium';

/** With `STOWAGE_UI_SCREENSHOTS=1`, the pages visited are saved as docs/images/ui/<name>.png. */
const SHOTS =
  process.env['STOWAGE_UI_SCREENSHOTS'] === '1'
    ? join(__dirname, '../../../../../docs/images/ui')
    : undefined;

/** The sample store served by the UI and opened in one Chromium page. */
export interface UiSession {
  readonly sample: SampleStore;
  readonly ui: UiServer;
  readonly page: Page;
  /** Saves the page as `docs/images/ui/<name>.png` when `STOWAGE_UI_SCREENSHOTS=1`. */
  shot(name: string): Promise<void>;
  /** Ends the browser, the server and the sample store (each only if it was started). */
  close(): Promise<void>;
}

/**
 * Builds the sample store, serves it and opens a page in headless Chromium; every console error
 * or warning, page error and dialog of the page is pushed to `problems` (tests assert it stays
 * empty). On a failure half-way, what was started is closed before the error is thrown.
 */
export async function openUiSession(problems: string[]): Promise<UiSession> {
  const closers: (() => Promise<void> | void)[] = [];
  const close = async (): Promise<void> => {
    for (const closeOne of closers.reverse()) await closeOne();
    closers.length = 0;
  };
  try {
    const sample = await sampleStore();
    closers.push(() => sample.remove());
    const ui = await startUiServer({ store: sample.store });
    closers.push(() => ui.close());
    const browser = await launchChromium();
    closers.push(() => browser.close());
    const page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    if (SHOTS !== undefined) mkdirSync(SHOTS, { recursive: true });
    const shot = async (name: string): Promise<void> => {
      if (SHOTS !== undefined)
        await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    };
    return { sample, ui, page, shot, close };
  } catch (error) {
    await close();
    throw error;
  }
}
