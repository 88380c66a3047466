import { renderRunList, type QueuedRunRow } from '../../src/output/run-view';
import type { TerminalStyle } from '../../src/output/terminal';

const PIPE: TerminalStyle = { color: false, width: undefined, wide: false };

/** The cells of each line of a rendered table, split on runs of two or more spaces. */
const cells = (text: string): string[][] =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => line.trim().split(/ {2,}/));

describe(renderRunList, () => {
  describe('when the queue holds a waiting run and a running one', () => {
    it('should show each with its status, and the running one with its worker and start', () => {
      const queued: QueuedRunRow[] = [
        { runId: 'r-wait', name: 'train', state: 'waiting', attemptsMade: 0 },
        {
          runId: 'r-run',
          name: 'train',
          state: 'running',
          attemptsMade: 1,
          workerId: 'box:42:abc',
          startedAt: new Date('2026-12-08T03:00:00.000Z'),
        },
      ];
      const [header, waiting, running] = cells(renderRunList([], PIPE, queued));
      expect(header?.[0]).toBe('ID');
      expect(header?.at(-1)).toBe('WORKER');
      expect(waiting).toEqual(['r-wait', 'train', 'queued']);
      expect(running?.slice(0, 3)).toEqual(['r-run', 'train', 'running (try 2)']);
      expect(running?.at(-1)).toBe('box:42:abc');
      expect(running?.[3]).toMatch(/2026-12-08/);
    });
  });
});
