import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore } from '../../src/stores/local.store';
import { MemoryStore } from '../../src/stores/memory.store';
import { describeStoreFormat } from '../helpers/store-format-suite';

describeStoreFormat('MemoryStore', () => new MemoryStore());

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => fs.rm(root, { recursive: true, force: true })));
});

describeStoreFormat('LocalStore', () => {
  const root = join(tmpdir(), `stowage-test-format-${process.pid}-${roots.length}`);
  roots.push(root);
  return new LocalStore({ root });
});
