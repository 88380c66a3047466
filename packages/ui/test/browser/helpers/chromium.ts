import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (installed by `.ci/run`); `STOWAGE_CHROMIUM` points elsewhere. */
export const CHROMIUM_PATH = process.env['STOWAGE_CHROMIUM'] ?? '/usr/bin/chromium';

/**
 * Whether `CI` is set to something meaning yes: like the S3 and Redis test helpers, an empty
 * `CI` and `CI=false` mean "not CI".
 */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== 'false';
}

/**
 * Whether the browser tests run: when Chromium is there, and always under CI (where a missing
 * browser must fail the run, not skip it).
 */
export const RUN_BROWSER_TESTS = existsSync(CHROMIUM_PATH) || isCi();

/** Flags that make headless Chromium quiet and offline here (no GPU, no sandbox, no updates). */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium with a fresh profile; `close()` ends it and deletes the profile. */
export async function launchChromium(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), 'stowage-ui-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    // Chromium's own temporary files go inside the profile, deleted with it.
    env: { ...process.env, TMPDIR: profile },
    viewport: { width: 1200, height: 800 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
