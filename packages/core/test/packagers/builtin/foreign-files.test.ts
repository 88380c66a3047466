import 'reflect-metadata';
import { Artifact } from '../../../src/artifacts/artifact';
import { UnpackingError } from '../../../src/errors/unpacking.error';
import { StowageError } from '../../../src/errors/stowage.error';
import { encodeNpy } from '../../../src/formats/npy.format';
import type { PackableType } from '../../../src/types';
import { expectStowageRejection } from '../../helpers/expect-stowage-error';
import { builtinManager } from './helpers/builtin-manager';

/** Stores `body` as a file another tool wrote (no packaging record) and reads it as `type`. */
async function readForeign(
  fileName: string,
  body: Uint8Array,
  type: PackableType,
): Promise<unknown> {
  const { manager, repository } = builtinManager();
  const logged = await repository.log(new Artifact({ key: 'f', body, fileName }));
  return manager.unpack(await repository.open(logged.uri as string), type);
}

const text = (s: string): Buffer => Buffer.from(s, 'utf8');

/** The refusal a packager gave, from the manager's error listing every attempt. */
async function refusal(promise: Promise<unknown>): Promise<StowageError> {
  const error = await expectStowageRejection(promise, UnpackingError, 'UNPACKING_NO_PACKAGER');
  expect(error.cause).toBeInstanceOf(StowageError);
  return error.cause as StowageError;
}

describe('builtin packagers reading files written by other tools', () => {
  describe('when a JSON-lines file holds one object and is read as Object', () => {
    it('should give that object', async () => {
      expect(await readForeign('one.jsonl', text('{"a":1,"b":[2]}\n'), Object)).toEqual({
        a: 1,
        b: [2],
      });
    });
  });

  describe('when a structured file holds another shape than the hint', () => {
    it.each([
      [
        'a JSON-lines file of two objects read as Object',
        'two.jsonl',
        '{"a":1}\n{"a":2}\n',
        Object,
      ],
      ['a JSON list read as Object', 'l.json', '[1,2]', Object],
      ['a JSON number read as Object', 'n.json', '3', Object],
      ['a JSON record read as Array', 'r.json', '{"a":1,"b":2}', Array],
      ['a JSON number read as Array', 'n.json', '3', Array],
      ['a JSON record read as Set', 'r.json', '{"a":1}', Set],
    ])('should refuse %s instead of reshaping it', async (_l, name, body, type) => {
      const cause = await refusal(readForeign(name, text(body), type as PackableType));
      expect(cause.code).toBe('UNPACKING_TYPE_MISMATCH');
      expect(cause.details['where']).toBe('f');
    });

    it('should refuse a list with repeated members read as Set', async () => {
      const cause = await refusal(readForeign('s.json', text('[1,2,1]'), Set));
      expect(cause.code).toBe('UNPACKING_NOT_EXACT');
    });

    it('should still read a list of distinct members as Set', async () => {
      expect(await readForeign('s.json', text('[1,"1",2]'), Set)).toEqual(new Set([1, '1', 2]));
    });
  });

  describe('when a numpy .npy file is read as Uint8Array', () => {
    it.each(['u1', 'b1'] as const)(
      'should give the values of a %s array, not the file',
      async (dtype) => {
        const npy = Buffer.concat(encodeNpy(new Uint8Array([0, 1, 1, 0]), { dtype }));
        const back = await readForeign('a.npy', npy, Uint8Array);
        expect(back).toBeInstanceOf(Uint8Array);
        expect(Buffer.isBuffer(back)).toBe(false);
        expect([...(back as Uint8Array)]).toEqual([0, 1, 1, 0]);
      },
    );

    it('should refuse an array of another dtype, naming it', async () => {
      const npy = Buffer.concat(encodeNpy(new Float32Array([1.5])));
      const cause = await refusal(readForeign('a.npy', npy, Uint8Array));
      expect(cause.code).toBe('UNPACKING_TYPE_MISMATCH');
      expect(cause.details).toMatchObject({ dtype: 'f4', arrayType: 'Float32Array' });
    });
  });

  describe('when a binary file is read as bytes', () => {
    it('should give a Uint8Array for a Uint8Array hint and a Buffer for a Buffer hint', async () => {
      const asBytes = await readForeign('b.bin', Buffer.from([7, 8]), Uint8Array);
      expect(Object.getPrototypeOf(asBytes)).toBe(Uint8Array.prototype);
      expect([...(asBytes as Uint8Array)]).toEqual([7, 8]);
      const asBuffer = await readForeign('b.bin', Buffer.from([7, 8]), Buffer);
      expect(Buffer.isBuffer(asBuffer)).toBe(true);
      expect([...(asBuffer as Buffer)]).toEqual([7, 8]);
    });
  });
});
