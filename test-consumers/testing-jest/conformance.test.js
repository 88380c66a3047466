// describeStore and describePackager from @stowage/testing under jest, as a jest user writes them:
// jest's globals, nothing passed to useTestRunner.
const { BUILTIN_PACKAGERS, MemoryStore } = require('@stowage/core');
const { describePackager, describeStore } = require('@stowage/testing');

describeStore('MemoryStore', () => new MemoryStore(), { largeSize: 1 << 20 });

const StringPackager = BUILTIN_PACKAGERS.find((c) => c.name === 'StringPackager');
describePackager(StringPackager, {
  samples: { empty: '', word: 'hello', emoji: 'café ☕' },
  artifactTypes: ['result', 'file'],
});
