import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore } from '../../src';
import { describeListingIndex } from './helpers/listing-suite';

describeListingIndex('Listing index (local store)', async () => {
  const root = await mkdtemp(join(tmpdir(), 'stowage-test-listing-'));
  return {
    store: new LocalStore({ root }),
    env: { ROOT: root },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
});
