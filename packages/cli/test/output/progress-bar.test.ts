import { ProgressBar, PROGRESS_THRESHOLD } from '../../src/output/progress-bar';

function sink(isTTY: boolean): {
  written: string[];
  stream: { write: (t: string) => boolean; isTTY: boolean };
} {
  const written: string[] = [];
  return { written, stream: { write: (t: string) => written.push(t) > 0, isTTY } };
}

describe('ProgressBar', () => {
  describe('when stderr is a terminal and the transfer is large', () => {
    it('should redraw once per whole percent and erase itself when done', () => {
      const { written, stream } = sink(true);
      const bar = new ProgressBar(stream, 'get model', 8 * 1024 * 1024);
      bar.update(0);
      bar.update(1);
      bar.update(4 * 1024 * 1024);
      bar.update(8 * 1024 * 1024);
      bar.done();
      expect(written).toHaveLength(4);
      expect(written[0]).toBe(`\rget model ${'░'.repeat(24)}   0% 0 B / 8.0 MiB\u001b[K`);
      expect(written[1]).toContain(' 50% 4.0 MiB / 8.0 MiB');
      expect(written[2]).toContain('█'.repeat(24));
      expect(written[3]).toBe('\r\u001b[K');
    });
  });

  describe('when stderr is not a terminal', () => {
    it('should write nothing', () => {
      const { written, stream } = sink(false);
      const bar = new ProgressBar(stream, 'get', PROGRESS_THRESHOLD * 2);
      bar.update(PROGRESS_THRESHOLD);
      bar.done();
      expect(written).toEqual([]);
    });
  });

  describe('when the transfer is below the threshold', () => {
    it('should write nothing', () => {
      const { written, stream } = sink(true);
      const bar = new ProgressBar(stream, 'get', PROGRESS_THRESHOLD - 1);
      bar.update(100);
      bar.done();
      expect(written).toEqual([]);
    });
  });
});
