// describeStore and describePackager from @stowage/testing under vitest (globals off).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_PACKAGERS, MemoryStore } from '@stowage/core';
import { describePackager, describeStore, useTestRunner } from '@stowage/testing';

useTestRunner({ describe, it, expect, beforeEach, afterEach });

describeStore('MemoryStore', () => new MemoryStore(), { largeSize: 1 << 20 });

const StringPackager = BUILTIN_PACKAGERS.find((c) => c.name === 'StringPackager');
describePackager(StringPackager, {
  samples: { empty: '', word: 'hello', emoji: 'café ☕' },
  artifactTypes: ['result', 'file'],
});
