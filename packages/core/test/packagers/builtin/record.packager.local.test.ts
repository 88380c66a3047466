import 'reflect-metadata';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { storedFilePath } from '../../../src/artifacts/blob-layout';
import { IntegrityError } from '../../../src/errors/integrity.error';
import { zipEntries } from '../../../src/formats/zip-entries';
import { PackagersManager } from '../../../src/manager/packagers-manager';
import type { PackedArtifact } from '../../../src/manager/packed-output';
import { RecordPackager } from '../../../src/packagers/builtin/record.packager';
import { StoreArtifactRepository } from '../../../src/repository/store-artifact.repository';
import { LocalStore } from '../../../src/stores/local.store';
import { expectStowageRejection } from '../../helpers/expect-stowage-error';

describe(RecordPackager, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stowage-npz-local-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('when a record of arrays is packed as .npz to a LocalStore', () => {
    it('should store every CRC-32 filled in, and refuse the file once a CRC byte is damaged', async () => {
      const store = new LocalStore({ root: join(dir, 'store') });
      const repository = new StoreArtifactRepository({ store });
      const manager = new PackagersManager({ repository });
      const a = Float64Array.from({ length: 300_000 }, (_, i) => i / 7); // 2.3 MiB: a blob
      const out = (await manager.pack({ a, n: new Int8Array([1, -1]) }, 'r')) as PackedArtifact;
      const { artifact } = out;
      expect(artifact.fileName).toBe('r.npz');
      const file = store.localPath(storedFilePath(artifact, artifact.fileName!));
      const bytes = readFileSync(file);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const entries = zipEntries(bytes);
      expect(entries.map((e) => e.name)).toEqual(['a.npy', 'n.npy']);
      for (const entry of entries) {
        const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.size);
        // the entry's local header is the last signature before its data; CRC-32 at +14
        const header = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), entry.dataOffset);
        expect(view.getUint32(header + 14, true)).toBe(crc32(data) >>> 0);
      }
      const back = (await manager.unpack(await repository.open(artifact.uri!), Object)) as Record<
        string,
        Float64Array
      >;
      expect(back['a']?.[299_999]).toBe(299_999 / 7);

      // one bit of the first entry's CRC flipped on disk: the read refuses it by its sha256
      const damaged = Buffer.from(bytes);
      damaged[14] = (damaged[14] as number) ^ 1;
      chmodSync(file, 0o644);
      writeFileSync(file, damaged);
      await expectStowageRejection(
        repository.open(artifact.uri!).then((item) => manager.unpack(item, Object)),
        IntegrityError,
        'INTEGRITY_MISMATCH',
      );
    });
  });
});
