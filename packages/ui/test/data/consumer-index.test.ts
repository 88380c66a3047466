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

  describe('when a key is asked for on a store with other runs', () => {
    it("should read only its readers' run records, picked by the run index", async () => {
      const fresh = new StoreView({ store: sample.store });
      const get = jest.spyOn(sample.store, 'get');
      try {
        await new ConsumerIndex(fresh).consumers('points', sample.datasetVersion);
        const runReads = get.mock.calls
          .map(([path]) => path)
          .filter((path) => path.startsWith('runs/'))
          .sort();
        const readers = [sample.trainRun, sample.trainRun2, sample.failedRun]
          .map((id) => `runs/${id}.json`)
          .sort();
        expect(runReads).toEqual(readers);
      } finally {
        get.mockRestore();
      }
    });
  });

  describe('when the run index names a key the run record does not', () => {
    it('should trust the record and leave the run out', async () => {
      const { runIndex, runIndexEntry } = await import('@stowage/core/internal');
      const xss = await sample.store.get(`runs/${sample.xssRun}.json`);
      const record = JSON.parse(xss.toString('utf8')) as Parameters<typeof runIndexEntry>[0];
      const index = runIndex(sample.store);
      await index.append([
        { ...runIndexEntry(record), inputs: [`store://points@${sample.datasetVersion}`] },
      ]);
      try {
        const found = await new ConsumerIndex(new StoreView({ store: sample.store })).consumers(
          'points',
          sample.datasetVersion,
        );
        expect(found.map((c) => c.run.id)).not.toContain(sample.xssRun);
        expect(found).toHaveLength(3);
      } finally {
        await index.append([runIndexEntry(record)]);
      }
    });
  });
});
