import { describeStore } from '@stowage/testing';
import { MemoryStore } from '../../src/stores/memory.store';

describeStore('MemoryStore', () => new MemoryStore());

describe(MemoryStore, () => {
  describe('when named', () => {
    it('should expose the name in its URL', () => {
      expect(new MemoryStore({ name: 'unit' }).url).toBe('memory://unit');
    });
  });

  describe('when two instances are used', () => {
    it('should not share objects', async () => {
      const a = new MemoryStore();
      const b = new MemoryStore();
      await a.put('x', Buffer.from('1'));
      expect(await b.stat('x')).toBeUndefined();
    });
  });
});
