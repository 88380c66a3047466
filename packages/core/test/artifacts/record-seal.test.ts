import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Artifact } from '../../src/artifacts/artifact';
import { ArtifactKinds } from '../../src/artifacts/artifact-kinds';
import { ArtifactLayout } from '../../src/artifacts/artifact-layout';
import { encodeArtifactRecord, parseArtifactRecord } from '../../src/artifacts/artifact-record';
import {
  canonicalJson,
  RECORD_SEAL_FIELD,
  sealRecord,
  type RecordSource,
} from '../../src/artifacts/record-seal';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { IntegrityError } from '../../src/errors/integrity.error';
import { StowageError } from '../../src/errors/stowage.error';
import { LocalStore } from '../../src/stores/local.store';
import { MemoryStore } from '../../src/stores/memory.store';
import type { Store } from '../../src/stores/store';
import { expectStowageRejection } from '../helpers/expect-stowage-error';

const kinds = ArtifactKinds.builtin();
const payload = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256));

/** Logs a realistic artifact (extra file, labels, bigint and Date values) and returns its record. */
async function logged(store: Store): Promise<{ path: string; bytes: Buffer; version: string }> {
  const repo = new StoreArtifactRepository({ store });
  const artifact = await repo.log(
    new Artifact({
      key: 'model',
      body: payload,
      fileName: 'model.bin',
      files: { 'side.txt': Buffer.from('side') },
      labels: { team: 'ml' },
      extraData: { seed: 12345678901234567890n, when: new Date(Date.UTC(2026, 0, 2)) },
    }),
    { tag: 'prod', producer: { runId: 'run-1' } },
  );
  await repo.dispose();
  const version = artifact.version as string;
  const path = ArtifactLayout.record('model', version);
  return { path, bytes: await store.get(path), version };
}

/** What reading `bytes` as the record gives: the canonical record, or the error's class and code. */
function outcome(bytes: Buffer, source: RecordSource): string {
  try {
    return canonicalJson(encodeArtifactRecord(parseArtifactRecord(bytes, kinds, source)));
  } catch (error) {
    if (!StowageError.is(error)) return `UNTYPED ${String(error)}`;
    return `${error.name}:${error.code}`;
  }
}

/** Rewrites the stored record with `change` applied to its JSON (resealed when `seal`). */
async function tamper(
  store: Store,
  path: string,
  change: (json: Record<string, unknown>) => void,
  seal: boolean,
): Promise<void> {
  const json = JSON.parse((await store.get(path)).toString('utf8')) as Record<string, unknown>;
  change(json);
  if (seal) {
    await store.put(path, sealRecord(json));
  } else {
    await store.put(path, Buffer.from(JSON.stringify(json, null, 2)));
  }
}

describe('artifact record checksum', () => {
  let store: MemoryStore;
  let record: { path: string; bytes: Buffer; version: string };
  let source: RecordSource;

  beforeEach(async () => {
    store = new MemoryStore({ name: 'seal' });
    record = await logged(store);
    source = { store: store.url, path: record.path, key: 'model', version: record.version };
  });

  describe('when one bit of a stored record flips', () => {
    it('should detect every single-bit flip of every byte', () => {
      const intact = outcome(record.bytes, source);
      expect(intact.startsWith('{')).toBe(true);
      const tally = new Map<string, number>();
      for (let i = 0; i < record.bytes.length; i++) {
        for (let bit = 0; bit < 8; bit++) {
          const flipped = Buffer.from(record.bytes);
          flipped[i] = (flipped[i] as number) ^ (1 << bit);
          const got = outcome(flipped, source);
          const label = got === intact ? 'harmless' : got.startsWith('{') ? 'UNDETECTED' : got;
          tally.set(label, (tally.get(label) ?? 0) + 1);
        }
      }
      const flips = record.bytes.length * 8;
      expect(flips).toBeGreaterThan(5000);
      expect(tally.get('UNDETECTED')).toBeUndefined();
      expect([...tally.keys()].filter((k) => k.startsWith('UNTYPED'))).toEqual([]);
      // With the checksum over the canonical content, no flip is even harmless: all are caught.
      expect(tally.get('IntegrityError:RECORD_CORRUPT')).toBe(flips);
    });
  });

  describe('when a stored record is truncated', () => {
    it('should detect every truncation', () => {
      for (let length = 0; length < record.bytes.length; length++) {
        expect(outcome(record.bytes.subarray(0, length), source)).toBe(
          'IntegrityError:RECORD_CORRUPT',
        );
      }
    });
  });

  describe('when the record is read through the repository', () => {
    it('should name key, version, store and path in the error', async () => {
      await tamper(store, record.path, (json) => (json['size'] = 4095), false);
      const repo = new StoreArtifactRepository({ store });
      const error = await expectStowageRejection(
        repo.open('store://model'),
        IntegrityError,
        'RECORD_CORRUPT',
      );
      expect(error.details).toMatchObject({
        key: 'model',
        version: record.version,
        store: store.url,
        path: record.path,
      });
      expect(error.message).toContain(record.version);
    });
  });

  describe('when the record was written before checksums (schema version 1)', () => {
    it('should still read it', async () => {
      await tamper(
        store,
        record.path,
        (json) => {
          json['schemaVersion'] = 1;
          delete json[RECORD_SEAL_FIELD];
        },
        false,
      );
      const repo = new StoreArtifactRepository({ store });
      const item = await repo.open('store://model');
      expect((await item.get()).equals(payload)).toBe(true);
      expect(item.meta?.extraData?.['seed']).toBe(12345678901234567890n);
    });
  });

  describe('when a checked record holds a malformed tagged value', () => {
    it.each([
      ['a $bigint that is not an integer', { $bigint: '12x' }],
      ['a $date that is not a time', { $date: 'yesterday' }],
      ['a $number that is not special', { $number: '12' }],
      ['an $escape without an object', { $escape: 3 }],
    ])('should throw RECORD_CORRUPT for %s, never a SyntaxError', async (_why, value) => {
      await tamper(store, record.path, (json) => (json['extraData'] = { bad: value }), true);
      const repo = new StoreArtifactRepository({ store });
      const error = await expectStowageRejection(
        repo.open('store://model'),
        IntegrityError,
        'RECORD_CORRUPT',
      );
      expect(error.cause).toMatchObject({ code: 'TAGGED_VALUE_INVALID' });
    });
  });
});

describe('artifact record sizes', () => {
  let root: string;
  afterEach(async () => {
    jest.restoreAllMocks();
    if (root !== undefined) await fs.rm(root, { recursive: true, force: true });
  });

  describe.each([
    ['a MemoryStore', async (): Promise<Store> => new MemoryStore()],
    [
      'a LocalStore',
      async (): Promise<Store> => {
        root = await fs.mkdtemp(join(tmpdir(), 'stowage-test-seal-'));
        return new LocalStore({ root, fsync: false });
      },
    ],
  ])('when the recorded size is tampered with on %s', (_name, makeStore) => {
    it.each([
      ['negative', -1],
      ['fractional', 4096.5],
      ['a string', '4096'],
      ['past the safe integers', 2 ** 60],
      ['infinite (1e400)', '1e400'],
    ])('should refuse a size that is %s, checked or not', async (_why, size) => {
      const store = await makeStore();
      const { path } = await logged(store);
      for (const seal of [false, true]) {
        await tamper(
          store,
          path,
          (json) => {
            json['size'] = size === '1e400' ? null : size;
            if (!seal) {
              json['schemaVersion'] = 1;
              delete json[RECORD_SEAL_FIELD];
            }
          },
          seal,
        );
        if (size === '1e400') {
          // JSON.stringify writes Infinity as null: put the literal text in.
          const text = (await store.get(path))
            .toString('utf8')
            .replace('"size": null', '"size": 1e400');
          await store.put(path, Buffer.from(text));
        }
        const repo = new StoreArtifactRepository({ store });
        await expectStowageRejection(repo.open('store://model'), IntegrityError, 'RECORD_CORRUPT');
      }
    });

    it.each([
      ['3 GiB', 3 * 2 ** 30],
      ['1 TiB', 2 ** 40],
    ])(
      'should fail a read of a %s size with IntegrityError and allocate no more than the object',
      async (_why, size) => {
        const store = await makeStore();
        const { path } = await logged(store);
        await tamper(store, path, (json) => (json['size'] = size), true);
        const repo = new StoreArtifactRepository({ store });
        const item = await repo.open('store://model');
        const allocations: number[] = [];
        for (const name of ['allocUnsafe', 'allocUnsafeSlow', 'alloc'] as const) {
          const original = Buffer[name].bind(Buffer) as (n: number) => Buffer;
          jest.spyOn(Buffer, name).mockImplementation(((n: number, ...rest: unknown[]) => {
            allocations.push(n);
            return (original as (...a: unknown[]) => Buffer)(n, ...rest);
          }) as never);
        }
        await expectStowageRejection(item.get(), IntegrityError, 'INTEGRITY_MISMATCH');
        await expectStowageRejection(
          item.stream().then((s) => s.toArray()),
          IntegrityError,
          'INTEGRITY_MISMATCH',
        );
        expect(Math.max(0, ...allocations)).toBeLessThanOrEqual(8 * 1024 * 1024);
      },
    );
  });
});
