// Every builtin packager of @stowage/core through the conformance kit: the kit proven on real
// packagers (and the builtins held to the rules custom packagers must follow).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { BUILTIN_PACKAGERS, LocalPath, Nullish, ObjectPackager } from '@stowage/core';
import type { ConcreteConstructor } from '@stowage/core';
import { describePackager } from '@stowage/testing';

const builtin = (name: string): ConcreteConstructor => {
  const found = BUILTIN_PACKAGERS.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no builtin packager ${name}`);
  return found;
};

describePackager(builtin('NumberPackager'), {
  samples: {
    zero: 0,
    negative: -1.5,
    huge: 1e300,
    tiny: 5e-324,
    'minus zero': -0,
    'not a number': NaN,
  },
  arbitrary: fc.double(),
  artifactTypes: ['file'],
});
describePackager(builtin('NumberPackager'), {
  samples: { pi: Math.PI },
  artifactTypes: ['result'],
});

describePackager(builtin('StringPackager'), {
  samples: { empty: '', text: 'héllo, wörld', lines: 'a\nb\r\nc', emoji: '🙂' },
  arbitrary: fc.string({ unit: 'binary' }),
  artifactTypes: ['result', 'file'],
});

describePackager(builtin('BooleanPackager'), { samples: [true, false] });

describePackager(builtin('BigIntPackager'), {
  samples: { zero: 0n, big: -(2n ** 100n) },
  arbitrary: fc.bigInt(),
  artifactTypes: ['file'],
});

describePackager(builtin('DatePackager'), {
  samples: { epoch: new Date(0), 'with millis': new Date('2026-11-27T10:00:00.123Z') },
  artifactTypes: ['file'],
});

describePackager(builtin('NullishPackager'), {
  samples: { null: null, undefined },
  typeHint: Nullish,
});

describePackager(builtin('ArrayPackager'), {
  samples: {
    mixed: [1, 'a', true, null],
    empty: [],
    nested: [[1, 2], [3]],
    records: [{ a: 1 }, { a: 2 }],
  },
  artifactTypes: ['result', 'file'],
  options: { file: [{}, { format: 'yaml' }, { format: 'jsonl' }] },
});
describePackager<unknown[]>(builtin('ArrayPackager'), {
  samples: {
    records: [
      { id: 1, name: 'Zoë', ok: true, at: new Date(0), big: 2n ** 70n, tags: ['a'], note: null },
      { id: 2, name: '', ok: false, at: new Date('2026-11-27T10:00:00.123Z'), big: -1n, tags: [] },
    ],
    scalars: [1.5, -0, NaN, null],
    empty: [],
  },
  // Null-prototype rows come back as plain records (as from a csv file), hence noNullPrototype.
  arbitrary: fc.array(
    fc.record(
      {
        n: fc.option(fc.double(), { nil: null }),
        s: fc.string({ unit: 'grapheme' }),
        b: fc.boolean(),
        d: fc.date({ noInvalidDate: true }),
        i: fc.bigInt(),
      },
      { noNullPrototype: true },
    ),
    { maxLength: 30 },
  ),
  property: { numRuns: 100 },
  artifactTypes: ['dataset'],
  options: { dataset: [{}, { format: 'jsonl' }, { previewRows: 3 }] },
});
describePackager(builtin('ArrayPackager'), {
  samples: {
    rows: [
      { name: 'a', n: 1 },
      { name: 'b', n: 2 },
    ],
  },
  artifactTypes: ['file'],
  options: { file: [{ format: 'csv' }] },
});

describePackager(builtin('RecordPackager'), {
  samples: { flat: { a: 1, b: 'x' }, nested: { a: [1, 2], c: { d: null } }, empty: {} },
  options: { file: [{}, { format: 'json' }, { format: 'yaml' }] },
});
describePackager(builtin('RecordPackager'), {
  samples: { arrays: { x: new Float64Array([1, 2.5]), y: new Int32Array([-1, 7]) } },
  artifactTypes: ['file'],
  options: { file: [{ format: 'npz' }] },
});

describePackager(builtin('MapPackager'), {
  samples: {
    strings: new Map([
      ['a', 1],
      ['b', 2],
    ]),
    'number keys': new Map([[1, { x: [1] }]]),
  },
  options: { file: [{}, { format: 'yaml' }] },
});

describePackager(builtin('SetPackager'), {
  samples: { mixed: new Set([1, 'a', null]), empty: new Set() },
  options: { file: [{}, { format: 'yaml' }] },
});

describePackager(builtin('BytesPackager'), {
  samples: { bytes: new Uint8Array([0, 1, 255]), empty: new Uint8Array(0) },
  arbitrary: fc.uint8Array(),
});

describePackager(builtin('ArrayBufferPackager'), { samples: [new Uint8Array([1, 2, 3]).buffer] });

describePackager(builtin('TypedArrayPackager'), {
  // The run record's tagged JSON keeps -0, NaN and Infinity, so these pack as result and file.
  samples: { 'special float64': new Float64Array([1.5, -0, NaN, Infinity]) },
});
describePackager(builtin('TypedArrayPackager'), {
  samples: {
    float64: new Float64Array([1.5, -2]),
    int32: new Int32Array([-(2 ** 31), 7]),
    float32: new Float32Array([0.25]),
    bigint64: new BigInt64Array([-1n, 2n ** 62n]),
  },
  options: { file: [{}, { format: 'bin' }] },
});
describePackager(builtin('TypedArrayPackager'), {
  arbitrary: fc.float64Array(),
  artifactTypes: ['file'],
  property: { numRuns: 100 },
});

describePackager(builtin('ErrorPackager'), {
  samples: { plain: new Error('boom'), typed: new TypeError('bad type') },
  equals: (actual, expected) =>
    actual instanceof Error &&
    actual.constructor === expected.constructor &&
    actual.message === expected.message,
  artifactTypes: ['file'],
});

describePackager(builtin('StreamPackager'), {
  samples: { text: Readable.from([Buffer.from('hello '), Buffer.from('stream')]) },
  // A stream is consumed by packing: each test packs a fresh copy of the sample's bytes.
  fresh: () => Readable.from([Buffer.from('hello '), Buffer.from('stream')]),
  equals: async (actual) =>
    actual instanceof Readable && (await readAll(actual)) === 'hello stream',
});

// Path packagers pack files that exist: the samples point at a folder made for this file.
const fixtureDir = mkdtempSync(join(tmpdir(), 'kit-builtins-'));
afterAll(() => rmSync(fixtureDir, { recursive: true, force: true }));
writeFileSync(join(fixtureDir, 'report.txt'), 'quarterly numbers');
mkdirSync(join(fixtureDir, 'folder', 'sub'), { recursive: true });
writeFileSync(join(fixtureDir, 'folder', 'sub', 'a.txt'), 'A');
const sameFileContent = (actual: unknown, expected: LocalPath): boolean =>
  actual instanceof LocalPath &&
  readFileSync(actual.path, 'utf8') === readFileSync(expected.path, 'utf8');

describePackager(builtin('LocalPathPackager'), {
  samples: { file: new LocalPath(join(fixtureDir, 'report.txt')) },
  artifactTypes: ['path'],
  equals: sameFileContent,
});

describePackager(builtin('UrlPackager'), {
  samples: { 'file URL': new URL(`file://${join(fixtureDir, 'report.txt')}`) },
  artifactTypes: ['path'],
  equals: (actual, expected) =>
    actual instanceof LocalPath || actual instanceof URL
      ? readFileSync(actual instanceof URL ? actual : actual.path, 'utf8') ===
        readFileSync(expected, 'utf8')
      : false,
});

describePackager(ObjectPackager, {
  samples: {
    plain: { a: 1, list: [1, 'two', null], nested: { when: new Date(0) } },
    array: [1, [2, [3]]],
  },
  builtins: false,
});

function readAll(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}
