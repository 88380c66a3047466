import { crc32 } from 'node:zlib';
import { isLateChunks } from '../../src/late-chunks';
import { encodeNpy } from '../../src/formats/npy.format';
import { decodeNpz, encodeNpz } from '../../src/formats/npz.format';
import { zipEntries } from '../../src/formats/zip-entries';
import { storedZip, storedZipBody, type StoredZipFile } from '../../src/formats/zip-writer';
import { packArrayRecord } from '../../src/packagers/builtin/typed-array-io';

const LOCAL = 0x04034b50;

/** Each entry's CRC-32 as the central directory and the local header give it, and of its data. */
function crcs(bytes: Uint8Array): { central: number; local: number; data: number }[] {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dir = view.readUInt32LE(view.length - 22 + 16);
  return zipEntries(bytes).map((entry, i) => {
    let at = dir;
    for (let k = 0; k < i; k++)
      at +=
        46 + view.readUInt16LE(at + 28) + view.readUInt16LE(at + 30) + view.readUInt16LE(at + 32);
    const local = view.readUInt32LE(at + 42);
    expect(view.readUInt32LE(local)).toBe(LOCAL);
    const data = view.subarray(entry.dataOffset, entry.dataOffset + entry.size);
    return {
      central: view.readUInt32LE(at + 16),
      local: view.readUInt32LE(local + 14),
      data: crc32(Buffer.from(data)) >>> 0,
    };
  });
}

function files(): StoredZipFile[] {
  return [
    { name: 'a.npy', chunks: encodeNpy(Float64Array.from({ length: 1000 }, (_, i) => i / 3)) },
    { name: 'empty.npy', chunks: encodeNpy(new Float64Array(0)) },
    { name: 'b.npy', chunks: encodeNpy(new Int16Array([1, -2, 3])) },
  ];
}

describe(storedZip, () => {
  describe('when a file holds an empty array (an empty view of a zero-length buffer)', () => {
    it('should give every entry the CRC-32 of its bytes in both headers', () => {
      // zlib.crc32 returns 0 for such a view instead of the running CRC: the old writer then
      // gave the entry a wrong CRC-32 and numpy refused the archive ("Bad CRC-32").
      const bytes = Buffer.concat(storedZip(files()));
      for (const entry of crcs(bytes)) {
        expect(entry.local).toBe(entry.data);
        expect(entry.central).toBe(entry.data);
      }
    });
  });
});

describe(storedZipBody, () => {
  describe('when built', () => {
    it('should leave every CRC-32 to fill, while the files are already views to write', () => {
      const input = files();
      const body = storedZipBody(input);
      const ownChunks = input.flatMap((f) => f.chunks);
      // the files' chunks are passed on as they are (no copy), only the headers are late
      const early = body.chunks.filter((_, i) => !body.late.includes(i));
      expect(early).toHaveLength(ownChunks.length);
      early.forEach((chunk, i) => expect(chunk).toBe(ownChunks[i]));
      // nothing has computed a CRC-32 yet: every CRC field of the headers is still zero
      const unfilled = Buffer.concat(body.chunks);
      for (const entry of crcs(unfilled)) {
        expect(entry.local).toBe(0);
        expect(entry.central).toBe(0);
      }
    });
  });

  describe('when filled', () => {
    it('should give the same bytes as storedZip, each CRC-32 right, computed once', async () => {
      const body = storedZipBody(files());
      const late = body.late.map((i) => body.chunks[i]);
      expect(body.fill()).toBe(body.fill()); // one computation, however many callers
      await body.fill();
      expect(body.late.map((i) => body.chunks[i])).toEqual(late); // filled in place
      const bytes = Buffer.concat(body.chunks);
      expect(bytes).toEqual(Buffer.concat(storedZip(files())));
      for (const entry of crcs(bytes)) expect(entry.central).toBe(entry.data);
      expect(Object.keys(decodeNpz(bytes))).toEqual(['a', 'empty', 'b']);
    });
  });

  describe('when read as an async iterable (by a store that does not know it)', () => {
    it('should fill itself first and yield the archive', async () => {
      const body = storedZipBody(files());
      const parts: Uint8Array[] = [];
      for await (const chunk of body) parts.push(chunk);
      expect(Buffer.concat(parts)).toEqual(Buffer.concat(storedZip(files())));
    });
  });
});

describe(packArrayRecord, () => {
  describe('when a record of arrays is packed as .npz', () => {
    it('should hand over a body whose CRC-32s are computed only when it is written', () => {
      const a = new Float64Array(64).fill(1.5);
      const out = packArrayRecord({ a, b: new Uint8Array([7]) }, 'r');
      const body = 'artifact' in out ? out.artifact.body : undefined;
      if (!isLateChunks(body)) throw new Error('expected a body with late chunks');
      // the array itself is one of the chunks, not a copy
      expect(body.chunks.some((c) => c.buffer === a.buffer)).toBe(true);
      expect(crcs(Buffer.concat(body.chunks)).map((e) => e.local)).toEqual([0, 0]);
    });
  });
});

describe(encodeNpz, () => {
  describe('when called directly (the public encoder)', () => {
    it('should still return chunks whose CRC-32s are already right', () => {
      const bytes = Buffer.concat(encodeNpz({ a: { data: new Float32Array([1, 2]) } }));
      const [entry] = crcs(bytes);
      expect(entry?.local).toBe(entry?.data);
      expect(entry?.data).not.toBe(0);
    });
  });
});
