import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { lateChunks } from '../../src/late-chunks';
import { writeBodyToHandle } from '../../src/stores/body-writer';
import { EarlyFlush, FLUSH_SLICE_BYTES } from '../../src/stores/early-flush';

/**
 * Records each write's end (`wrote <bytes>`) and each fsync's start and end; `failSync` makes the
 * fsync with that number (1-based) fail with EIO, as a disk error would.
 */
function recorded(handle: FileHandle, events: string[], failSync?: number): FileHandle {
  const writev = handle.writev.bind(handle);
  const sync = handle.sync.bind(handle);
  let syncs = 0;
  return Object.assign(Object.create(handle) as FileHandle, {
    writev: async (buffers: Uint8Array[], position?: number) => {
      const out = await writev(buffers, position);
      events.push(`wrote ${out.bytesWritten}`);
      return out;
    },
    sync: async () => {
      syncs += 1;
      const n = syncs;
      events.push(`sync ${n}`);
      // a real fsync takes a while: writes issued meanwhile land before it ends
      await new Promise<void>((resolve) => setTimeout(resolve, 5));
      if (n === failSync) {
        events.push(`failed ${n}`);
        throw Object.assign(new Error('input/output error'), { code: 'EIO' });
      }
      await sync();
      events.push(`synced ${n}`);
    },
  });
}

/** `bytes` of a pattern that differs at every offset a slice boundary could fall on. */
function pattern(bytes: number): Buffer {
  const buffer = Buffer.alloc(bytes);
  for (let i = 0; i + 4 <= bytes; i += 4) buffer.writeUInt32LE(i, i);
  return buffer;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe(EarlyFlush, () => {
  let dir: string;
  let file: string;
  let handle: FileHandle;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stowage-early-flush-'));
    file = join(dir, 'file');
    handle = await open(file, 'wx');
  });
  afterEach(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when a big in-memory body is written with sync', () => {
    it('should start fsyncs while writing and end with an fsync after the last write', async () => {
      const events: string[] = [];
      const bytes = pattern(3 * FLUSH_SLICE_BYTES + 12_345);
      const result = await writeBodyToHandle(recorded(handle, events), [bytes], undefined, true);
      expect(result).toEqual({ size: bytes.byteLength, sha256: sha256(bytes) });
      expect(readFileSync(file).equals(bytes)).toBe(true);
      const lastWrite = events.map((e) => e.startsWith('wrote')).lastIndexOf(true);
      const syncs = events.filter((e) => e.startsWith('sync '));
      // at least one fsync started before the last write: the disk had work while bytes were copied
      expect(events.findIndex((e) => e.startsWith('sync '))).toBeLessThan(lastWrite);
      // the last fsync starts after every write and after the one before it ended
      const finalSync = events.lastIndexOf(syncs.at(-1) as string);
      expect(finalSync).toBeGreaterThan(lastWrite);
      expect(events.at(-1)).toBe(`synced ${syncs.length}`);
      // never two fsyncs at once
      for (let n = 2; n <= syncs.length; n += 1)
        expect(events.indexOf(`sync ${n}`)).toBeGreaterThan(events.indexOf(`synced ${n - 1}`));
    });

    it('should throw when an early fsync failed, even though the final one succeeded', async () => {
      const events: string[] = [];
      const bytes = pattern(3 * FLUSH_SLICE_BYTES);
      await expect(
        writeBodyToHandle(recorded(handle, events, 1), [bytes], undefined, true),
      ).rejects.toMatchObject({ code: 'EIO' });
      expect(events).toContain('failed 1');
      // nothing was still running on the handle when the error came back
      expect(events.filter((e) => e.startsWith('sync ')).length).toBe(
        events.filter((e) => e.startsWith('synced') || e.startsWith('failed')).length,
      );
    });

    it('should never fsync when sync is off', async () => {
      const events: string[] = [];
      const bytes = pattern(3 * FLUSH_SLICE_BYTES);
      await writeBodyToHandle(recorded(handle, events), [bytes], undefined, false);
      expect(events.filter((e) => e.startsWith('sync'))).toEqual([]);
      expect(readFileSync(file).equals(bytes)).toBe(true);
    });
  });

  describe('when a body is smaller than one slice', () => {
    it('should fsync exactly once, after the write', async () => {
      const events: string[] = [];
      const bytes = pattern(FLUSH_SLICE_BYTES - 4);
      await writeBodyToHandle(recorded(handle, events), bytes, undefined, true);
      expect(events).toEqual([`wrote ${bytes.byteLength}`, 'sync 1', 'synced 1']);
    });
  });

  describe('when a big body has late chunks (a .npz)', () => {
    it('should flush the known bytes early, then the filled-in ones with a last fsync', async () => {
      const events: string[] = [];
      const head = Buffer.alloc(8);
      const data = pattern(2 * FLUSH_SLICE_BYTES + 100);
      const body = lateChunks([head, data], [0], async () => {
        // the CRC-32s take a while: the data is on its way to the disk meanwhile. Waiting for the
        // first fsync (up to 10 s), not a fixed delay, so a loaded machine cannot reorder them.
        for (let waited = 0; !events.includes('sync 1') && waited < 10_000; waited += 5)
          await new Promise<void>((resolve) => setTimeout(resolve, 5));
        events.push('filled');
        head.write('LATEHEAD');
      });
      const result = await writeBodyToHandle(recorded(handle, events), body, undefined, true);
      const expected = Buffer.concat([Buffer.from('LATEHEAD'), data]);
      expect(result.sha256).toBe(sha256(expected));
      expect(readFileSync(file).equals(expected)).toBe(true);
      expect(events.indexOf('sync 1')).toBeLessThan(events.indexOf('filled'));
      const last = events.filter((e) => e.startsWith('sync ')).at(-1) as string;
      expect(events.indexOf(last)).toBeGreaterThan(events.indexOf('filled'));
      expect(events.at(-1)).toBe(`synced ${last.slice(5)}`);
    });
  });

  describe('when a long stream is written with sync', () => {
    it('should flush as it goes and once after its last chunk', async () => {
      const events: string[] = [];
      const bytes = pattern(2 * FLUSH_SLICE_BYTES + 777);
      const chunks = [];
      for (let at = 0; at < bytes.byteLength; at += 1 << 20)
        chunks.push(bytes.subarray(at, at + (1 << 20)));
      const result = await writeBodyToHandle(
        recorded(handle, events),
        Readable.from(chunks),
        undefined,
        true,
      );
      expect(result).toEqual({ size: bytes.byteLength, sha256: sha256(bytes) });
      expect(readFileSync(file).equals(bytes)).toBe(true);
      const lastWrite = events.map((e) => e.startsWith('wrote')).lastIndexOf(true);
      expect(events.indexOf('sync 1')).toBeLessThan(lastWrite);
      const last = events.filter((e) => e.startsWith('sync ')).at(-1) as string;
      expect(events.indexOf(last)).toBeGreaterThan(lastWrite);
    });
  });
});
