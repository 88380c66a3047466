import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreLifecycle } from '@stowage/testing';
import { LocalStore } from '../../src/stores/local.store';
import { MemoryStore } from '../../src/stores/memory.store';

describeStoreLifecycle('MemoryStore', () => new MemoryStore());

describeStoreLifecycle(
  'LocalStore',
  async () =>
    new LocalStore({
      root: await fs.mkdtemp(join(tmpdir(), 'stowage-test-lifecycle-')),
      fsync: false,
    }),
  { cleanup: (store) => fs.rm(store.root, { recursive: true, force: true }) },
);
