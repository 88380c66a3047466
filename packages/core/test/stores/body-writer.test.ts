import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lateChunks, type LateChunks } from '../../src/late-chunks';
import { writeBodyToHandle } from '../../src/stores/body-writer';

/** Three known chunks around two late ones (4 and 3 bytes), and the events of its `fill`. */
function body(events: string[], fail?: Error): LateChunks {
  const head = Buffer.alloc(4);
  const tail = Buffer.alloc(3);
  const chunks = [head, Buffer.alloc(100_000, 1), Buffer.from('mid'), Buffer.alloc(5000, 2), tail];
  return lateChunks(chunks, [0, 4], async () => {
    events.push('fill');
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (fail !== undefined) throw fail;
    head.write('HEAD');
    tail.write('END');
    events.push('filled');
  });
}

const filledBytes = (): Buffer =>
  Buffer.concat([
    Buffer.from('HEAD'),
    Buffer.alloc(100_000, 1),
    Buffer.from('mid'),
    Buffer.alloc(5000, 2),
    Buffer.from('END'),
  ]);

/** Records each `writev` (its byte count and position), its completion, and `sync`. */
function recorded(handle: FileHandle, events: string[], failWrites = false): FileHandle {
  const writev = handle.writev.bind(handle);
  const sync = handle.sync.bind(handle);
  return Object.assign(Object.create(handle) as FileHandle, {
    writev: async (buffers: Uint8Array[], position?: number) => {
      const bytes = buffers.reduce((n, b) => n + b.byteLength, 0);
      events.push(`writev ${bytes}@${String(position)}`);
      if (failWrites) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      const out = await writev(buffers, position);
      events.push(`written ${bytes}`);
      return out;
    },
    sync: async () => {
      events.push('sync');
      return sync();
    },
  });
}

describe(writeBodyToHandle, () => {
  let dir: string;
  let handle: FileHandle;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stowage-body-writer-'));
    handle = await open(join(dir, 'file'), 'wx');
  });
  afterEach(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when the body has late chunks (a .npz and its CRC-32s)', () => {
    it('should start writing the known bytes before filling the late ones, then write those in place', async () => {
      const events: string[] = [];
      const result = await writeBodyToHandle(
        recorded(handle, events),
        body(events),
        undefined,
        true,
      );
      const size = 4 + 100_000 + 3 + 5000 + 3;
      expect(result).toEqual({
        size,
        sha256: createHash('sha256').update(filledBytes()).digest('hex'),
      });
      expect(readFileSync(join(dir, 'file'))).toEqual(filledBytes());
      // the whole file goes out at once (zeros for the late chunks) before fill runs
      expect(events.indexOf(`writev ${size}@0`)).toBeGreaterThanOrEqual(0);
      expect(events.indexOf(`writev ${size}@0`)).toBeLessThan(events.indexOf('fill'));
      // one vectored write; the late chunks (a few bytes) went over their zeros after it returned
      expect(events.filter((e) => e.startsWith('writev'))).toEqual([`writev ${size}@0`]);
      // fsynced once, after every write has returned
      expect(events.filter((e) => e === 'sync')).toHaveLength(1);
      expect(events.at(-1)).toBe('sync');
    });

    it('should report the fill failure only once the first write has returned', async () => {
      const events: string[] = [];
      const failure = new Error('fill failed');
      const wrapped = recorded(handle, events);
      await expect(writeBodyToHandle(wrapped, body(events, failure), undefined, true)).rejects.toBe(
        failure,
      );
      expect(events.at(-1)).toMatch(/^written /);
      expect(events).not.toContain('sync');
    });

    it('should report a failed write after fill, and never fsync', async () => {
      const events: string[] = [];
      const wrapped = recorded(handle, events, true);
      await expect(writeBodyToHandle(wrapped, body(events), undefined, true)).rejects.toMatchObject(
        {
          code: 'ENOSPC',
        },
      );
      expect(events).toContain('filled');
      expect(events).not.toContain('sync');
    });
  });
});
