// describeStore and describePackager from @stowage/testing under node:test (run with node --test).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nodeTest from 'node:test';
import { expect } from 'expect';
import { BUILTIN_PACKAGERS, LocalStore, MemoryStore } from '@stowage/core';
import { describePackager, describeStore, nodeTestRunner, useTestRunner } from '@stowage/testing';

useTestRunner(nodeTestRunner(nodeTest, expect));

describeStore('MemoryStore', () => new MemoryStore(), { largeSize: 1 << 20 });
describeStore(
  'LocalStore',
  async () => new LocalStore({ root: await mkdtemp(join(tmpdir(), 'stowage-node-test-')) }),
  { largeSize: 1 << 20, cleanup: (store) => rm(store.root, { recursive: true, force: true }) },
);

const StringPackager = BUILTIN_PACKAGERS.find((c) => c.name === 'StringPackager');
describePackager(StringPackager, {
  samples: { empty: '', word: 'hello', emoji: 'café ☕' },
  artifactTypes: ['result', 'file'],
});
