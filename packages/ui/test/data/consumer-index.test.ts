import { ConsumerIndex } from '../../src/data/consumer-index';
import { StoreView } from '../../src/data/store-view';
import { sampleStore, type SampleStore } from '../helpers/sample-store';

describe('ConsumerIndex', () => {
  let sample: SampleStore;
  let view: StoreView;
  beforeAll(async () => {
    sample = await sampleStore();
    view = new StoreView({ store: sample.store });
  });
  afterAll(() => sample.remove());

  describe('when the readers of several artifacts are asked for', () => {
    it('should answer what StoreView.consumers answers, from one walk of the run listing', async () => {
      const index = new ConsumerIndex(view);
      const listings = jest.spyOn(view, 'listRuns');
      try {
        const asked: [string, string][] = [
          ['points', sample.datasetVersion],
          ['points', 'some-other-version'],
          ...sample.classifierVersions.map((v): [string, string] => ['classifier', v]),
          ['nothing', 'v'],
        ];
        for (const [key, version] of asked) {
          const ids = (await index.consumers(key, version)).map((c) => [c.run.id, c.exact]);
          listings.mockClear();
          const expected = (await view.consumers(key, version)).map((c) => [c.run.id, c.exact]);
          expect(ids.sort()).toEqual(expected.sort());
        }
        listings.mockClear();
        await index.consumers('points', sample.datasetVersion);
        expect(listings).not.toHaveBeenCalled();
      } finally {
        listings.mockRestore();
      }
    });

    it('should find exact readers and those that named the key by tag', async () => {
      const found = await new ConsumerIndex(view).consumers('points', sample.datasetVersion);
      expect(found.map((c) => [c.run.name, c.exact]).sort()).toEqual([
        ['score', false],
        ['train', true],
        ['train', true],
      ]);
    });
  });
});
