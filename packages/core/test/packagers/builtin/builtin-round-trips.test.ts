import { Readable } from 'node:stream';
import type { PackedArtifact } from '../../../src/manager/packed-output';
import { Nullish } from '../../../src/types';
import { builtinManager } from './helpers/builtin-manager';

const date = new Date('1955-11-05T06:15:00.123Z');

describe('builtin packagers through the manager', () => {
  describe('when packing scalars with no hint', () => {
    it.each([
      ['a number', 0.93],
      ['a string', 'héllo 🚀'],
      ['a boolean', false],
      ['a bigint', 2n ** 70n],
      ['a Date before 1970', date],
      ['null', null],
    ])('should log %s as a result holding the value', async (_l, value) => {
      const { manager } = builtinManager();
      const out = await manager.pack(value, 'k');
      expect(out.kind).toBe('result');
    });
  });

  describe('when packing scalars as files', () => {
    it.each([
      ['-0', -0, Number],
      ['NaN', NaN, Number],
      ['-Infinity', -Infinity, Number],
      ['true', true, Boolean],
      ['a negative bigint', -(2n ** 65n), BigInt as never],
      ['a Date before 1970', date, Date],
      ['an invalid Date', new Date(NaN), Date],
      ['undefined', undefined, Nullish],
      ['null', null, Nullish],
    ])('should round-trip %s exactly', async (_l, value, type) => {
      const { roundTrip } = builtinManager();
      const { out, back } = await roundTrip(value, 'k : file', type as never);
      expect(out.kind).toBe('artifact');
      if (value instanceof Date) {
        expect(back).toBeInstanceOf(Date);
        expect(Object.is((back as Date).getTime(), value.getTime())).toBe(true);
      } else expect(Object.is(back, value)).toBe(true);
    });
  });

  describe('when packing strings', () => {
    it('should read a file artifact back as text and a path artifact as a local path', async () => {
      const { roundTrip } = builtinManager();
      expect((await roundTrip('ünï\ncødé', 'k : file', String)).back).toBe('ünï\ncødé');
    });
  });

  describe('when packing lists', () => {
    const records = [
      { 'a.b': 1, 'q"': 'x,y' },
      { 'a.b': -0.5, 'q"': null },
    ];
    it.each([
      ['json', [1, [2, { x: 'ü' }]]],
      ['jsonl', [{ a: 1 }]],
      ['yaml', ['yes', 'null', 1.5, { k: [] }]],
      ['csv', records],
      ['json', []],
    ])('should round-trip a %s file', async (format, value) => {
      const { roundTrip } = builtinManager();
      const { out, back } = await roundTrip(value, `k : file[format=${format}]`, Array);
      expect((out as PackedArtifact).artifact.fileName).toBe(`k.${format}`);
      expect(back).toEqual(value);
    });

    it('should default to result when small, file when large, object when not JSON-exact', async () => {
      const { manager } = builtinManager();
      expect((await manager.pack([1, 2, 3], 'k')).artifactType).toBe('result');
      expect(
        (
          await manager.pack(
            Array.from({ length: 100 }, (_, i) => i),
            'k',
          )
        ).artifactType,
      ).toBe('file');
      expect((await manager.pack([new Date(0)], 'k')).artifactType).toBe('object');
    });
  });

  describe('when packing records, Maps and Sets', () => {
    it('should round-trip them through files keeping structure', async () => {
      const { roundTrip } = builtinManager();
      const record = { nested: { deep: [1, 2] }, 'dot.key': "quote'", empty: {} };
      expect((await roundTrip(record, 'k : file[format=yaml]', Object)).back).toEqual(record);
      const map = new Map<unknown, unknown>([
        [1, 'one'],
        ['two', [2]],
        [null, { n: 3 }],
      ]);
      expect((await roundTrip(map, 'k : file', Map)).back).toEqual(map);
      const set = new Set([3, 'x', 1]);
      const back = (await roundTrip(set, 'k', Set)).back as Set<unknown>;
      expect([...back]).toEqual([3, 'x', 1]);
    });
  });

  describe('when packing binary data and typed arrays', () => {
    it('should round-trip bytes, buffers, ArrayBuffers and every typed array', async () => {
      const { roundTrip } = builtinManager();
      const bytes = new Uint8Array([0, 255, 7]);
      expect((await roundTrip(bytes, 'k', Uint8Array)).back).toEqual(bytes);
      expect((await roundTrip(Buffer.from('hi'), 'k', Uint8Array)).back).toEqual(Buffer.from('hi'));
      const ab = new Uint8Array([9, 8]).buffer;
      expect(new Uint8Array((await roundTrip(ab, 'k', ArrayBuffer)).back as ArrayBuffer)).toEqual(
        new Uint8Array([9, 8]),
      );
      for (const arr of [
        new Float64Array([1.5, -0, NaN]),
        new Int16Array([-3, 4]),
        new BigUint64Array([2n ** 64n - 1n]),
        new Uint8ClampedArray([1, 2]),
        new Float32Array(0),
      ]) {
        const { out, back } = await roundTrip(arr, 'k', arr.constructor as never);
        expect((out as PackedArtifact).artifact.fileName).toBe('k.npy');
        expect(back).toEqual(arr);
        expect((back as object).constructor).toBe(arr.constructor);
      }
      const raw = await roundTrip(new Int32Array([1, -2]), 'k : file[format=bin]', Int32Array);
      expect(raw.back).toEqual(new Int32Array([1, -2]));
    });

    it('should write a record of typed arrays as .npz', async () => {
      const { roundTrip } = builtinManager();
      const value = { w: new Float32Array([1, 2]), b: new Int8Array([-1]) };
      const { out, back } = await roundTrip(value, 'k', Object);
      expect((out as PackedArtifact).artifact.fileName).toBe('k.npz');
      expect(back).toEqual(value);
    });
  });

  describe('when packing a Readable stream', () => {
    it('should store its chunks and unpack a stream of them', async () => {
      const { roundTrip } = builtinManager();
      const { back } = await roundTrip(
        Readable.from([Buffer.from('ab'), Buffer.from('cd')]),
        'k',
        Readable,
      );
      const chunks: Buffer[] = [];
      for await (const c of back as Readable) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe('abcd');
    });
  });

  describe('when packing Errors', () => {
    it('should keep name, message, stack and the cause chain in a file', async () => {
      const { roundTrip } = builtinManager();
      const err = new RangeError('outer', { cause: new TypeError('inner', { cause: 'root' }) });
      const back = (await roundTrip(err, 'k : file', Error)).back as RangeError;
      expect(back).toBeInstanceOf(RangeError);
      expect(back.message).toBe('outer');
      expect(back.stack).toBe(err.stack);
      expect(back.cause).toBeInstanceOf(TypeError);
      expect((back.cause as Error).cause).toBe('root');
    });
  });
});
