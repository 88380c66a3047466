import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { LocalPath } from '../../../src/values/local-path';
import {
  equalTo,
  HINT_MISMATCH,
  normalised,
  READ_REFUSED,
  type Expected,
} from './matrix-expectations';
import type { Hint } from './matrix-values';

/** The files of fixtures/foreign, written by numpy and Python (fixtures/make-fixtures.py). */
export const FOREIGN_DIR = join(__dirname, '..', 'fixtures', 'foreign');

/** One file another tool wrote, logged by hand (no packaging instructions), read under hints. */
export interface ForeignCase {
  readonly file: string;
  /** Hint name (for the case id) → the hint and what it must give. */
  readonly reads: Readonly<Record<string, readonly [Hint, Expected]>>;
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const FOLDER_TREE = { 'one.txt': sha('one\n'), 'sub/': 'dir', 'sub/two.txt': sha('two\n') };
const BYTES = (): Uint8Array => Uint8Array.from({ length: 256 }, (_, i) => i);

const NPY_CLASSES = {
  f8: Float64Array,
  f4: Float32Array,
  i1: Int8Array,
  i2: Int16Array,
  i4: Int32Array,
  i8: BigInt64Array,
  u1: Uint8Array,
  u2: Uint16Array,
  u4: Uint32Array,
  u8: BigUint64Array,
} as const;

function npyValues(dtype: keyof typeof NPY_CLASSES): () => unknown {
  const cls = NPY_CLASSES[dtype];
  return dtype.endsWith('8') && dtype !== 'f8' && dtype !== 'u1'
    ? () => new (cls as BigInt64ArrayConstructor)([0n, 1n, 2n, 3n, 4n, 5n])
    : () => new (cls as Float64ArrayConstructor)([0, 1, 2, 3, 4, 5]);
}

const NPY_CASES: ForeignCase[] = [
  ...(Object.keys(NPY_CLASSES) as Array<keyof typeof NPY_CLASSES>).map((d): ForeignCase => ({
    file: `le-${d}.npy`,
    reads: { own: [NPY_CLASSES[d] as Hint, equalTo(npyValues(d))], wrong: [Map, HINT_MISMATCH] },
  })),
  ...(['f8', 'f4', 'i2', 'i4', 'i8', 'u2', 'u4', 'u8'] as const).map((d): ForeignCase => ({
    file: `be-${d}.npy`,
    reads: { own: [NPY_CLASSES[d] as Hint, equalTo(npyValues(d))] },
  })),
  // numpy's bool arrays read as their 0/1 bytes.
  {
    file: 'le-b1.npy',
    reads: { own: [Uint8Array, equalTo(() => new Uint8Array([1, 0, 1, 1, 0, 0]))] },
  },
  // float16 reads as its raw bits, complex as interleaved lanes, Fortran order in C order (the
  // fixture names predate that support); strings stay refused.
  {
    file: 'unsupported-f2.npy',
    reads: {
      own: [
        Uint16Array,
        equalTo(() => new Uint16Array([0, 0x3c00, 0x4000, 0x4200, 0x4400, 0x4500])),
      ],
      wrong: [Float64Array, HINT_MISMATCH],
    },
  },
  {
    file: 'unsupported-c16.npy',
    reads: {
      own: [Float64Array, equalTo(() => new Float64Array([0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0]))],
    },
  },
  {
    file: 'unsupported-U3.npy',
    reads: { own: [Float64Array, READ_REFUSED(/^(NPY_UNSUPPORTED_DTYPE|UNPACKING_)/)] },
  },
  {
    file: 'fortran-f8.npy',
    reads: { own: [Float64Array, equalTo(() => new Float64Array([0, 1, 2, 3, 4, 5]))] },
  },
  {
    file: 'two-arrays.npz',
    reads: {
      own: [
        Object,
        equalTo(() => ({ a: new Float64Array([0, 1, 2]), b: new Int32Array([0, 1, 2]) })),
      ],
      wrong: [Map, HINT_MISMATCH],
    },
  },
];

const TEXT_CASES: ForeignCase[] = [
  {
    file: 'one-object.jsonl',
    reads: {
      own: [Array, equalTo(() => [{ a: 1, b: 'x' }])],
      // Open between the parts: a one-object JSON-lines file read as Object is the list (an Array
      // is an Object), MLRun's bare element, or a typed refusal; never `{"0": {…}}`.
      base: [
        Object,
        {
          kind: 'any',
          of: [equalTo(() => [{ a: 1, b: 'x' }]), equalTo(() => ({ a: 1, b: 'x' })), HINT_MISMATCH],
        },
      ],
    },
  },
  {
    file: 'rows.jsonl',
    reads: { own: [Array, equalTo(() => [{ a: 1 }, { a: 2 }])], wrong: [Map, HINT_MISMATCH] },
  },
  {
    file: 'record.json',
    reads: {
      own: [Object, equalTo(() => ({ a: 1, b: [true, null], c: { d: 'e' } }))],
      // Documented (docs/builtin-packagers.md, "Files written by other tools"): a record read as
      // a Map gives its entries.
      map: [Map, equalTo(() => new Map(Object.entries({ a: 1, b: [true, null], c: { d: 'e' } })))],
      wrong: [Set, HINT_MISMATCH],
    },
  },
  {
    file: 'list.json',
    reads: { own: [Array, equalTo(() => [1, 'two', null])], wrong: [Map, HINT_MISMATCH] },
  },
  {
    file: 'record.yaml',
    reads: {
      own: [Object, equalTo(() => ({ a: 1, b: [true, null], c: { d: 'e' } }))],
      // Documented (docs/builtin-packagers.md, "Files written by other tools"): a record read as
      // a Map gives its entries.
      map: [Map, equalTo(() => new Map(Object.entries({ a: 1, b: [true, null], c: { d: 'e' } })))],
      wrong: [Set, HINT_MISMATCH],
    },
  },
  {
    file: 'rows.csv',
    reads: {
      own: [
        Array,
        normalised('csv-cells-as-strings', () => [
          { a: '1', b: 'x' },
          { a: '2', b: 'y' },
        ]),
      ],
      wrong: [Map, HINT_MISMATCH],
    },
  },
  {
    file: 'blob.bin',
    reads: {
      own: [Uint8Array, equalTo(BYTES)],
      buffer: [Buffer, equalTo(() => Buffer.from(BYTES()))],
      arraybuffer: [ArrayBuffer, equalTo(() => BYTES().buffer)],
      path: [
        LocalPath,
        normalised('local-content', () => createHash('sha256').update(BYTES()).digest('hex')),
      ],
      // Documented ("Files written by other tools"): a .bin file is viewed as the hinted array.
      float64: [Float64Array, equalTo(() => new Float64Array(BYTES().buffer))],
      wrong: [Map, READ_REFUSED(/^(NPY_|UNPACKING_)/)],
    },
  },
];

const ARCHIVE_CASES: ForeignCase[] = ['folder.zip', 'folder.tar.gz'].map((file) => ({
  file,
  reads: {
    own: [LocalPath, normalised('local-content', () => FOLDER_TREE)],
    string: [String, normalised('local-content', () => FOLDER_TREE)],
    url: [URL, normalised('local-content', () => FOLDER_TREE)],
    wrong: [Map, HINT_MISMATCH],
  },
}));

/** Files written by other tools: numpy `.npy` of every dtype, `.npz`, JSON(-lines), YAML, CSV, zip, tar.gz. */
export const FOREIGN_CASES: readonly ForeignCase[] = [
  ...NPY_CASES,
  ...TEXT_CASES,
  ...ARCHIVE_CASES,
];
