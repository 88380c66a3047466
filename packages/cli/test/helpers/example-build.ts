import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The built demo pipeline (examples/pipeline/dist), used as a real-world module in CLI tests. */
export const EXAMPLE_DIST = resolve(__dirname, '../../../../examples/pipeline/dist');

/** Fails with a clear message when the demo pipeline has not been built. */
export function assertExampleBuilt(): void {
  if (!existsSync(resolve(EXAMPLE_DIST, 'main.js'))) {
    throw new Error(
      `${EXAMPLE_DIST} is missing: build first with "npm run build" (or "npx tsc -b examples/pipeline").`,
    );
  }
}
