import type { PackedArtifact } from '../../../src/manager/packed-output';
import { LocalPath } from '../../../src/values/local-path';
import { Serializable } from '../../../src/serialization/serializable.decorator';
import { builtinManager } from './helpers/builtin-manager';

@Serializable('test.fallback.Model')
class Model {
  weights = new Float64Array([0.5, -1]);
  trainedAt = new Date('1999-12-31T23:59:59.999Z');
  labels = new Map([['a', 1]]);
  predict(x: number): number {
    return (this.weights[0] ?? 0) * x;
  }
}

class Unknown {
  n = 1;
}

describe('ObjectPackager (the object fallback) through the manager', () => {
  describe('when packing a @Serializable class instance with no packager', () => {
    it('should store it as an object artifact and revive the class', async () => {
      const { roundTrip, warnings } = builtinManager();
      const { out, back } = await roundTrip(new Model(), 'model');
      expect(out.artifactType).toBe('object');
      expect((out as PackedArtifact).artifact.fileName).toBe('model.cbor');
      expect((out as PackedArtifact).artifact.packaging?.instructions).toMatchObject({
        format: 'stowage-object/5',
        serializer: 'cbor-x',
      });
      expect(back).toBeInstanceOf(Model);
      expect((back as Model).predict(4)).toBe(2);
      expect(back).toEqual(new Model());
      expect(warnings).toEqual([]);
    });
  });

  describe('when unpacking a value holding a large typed array', () => {
    it('should hand it out as a view into the bytes it read, not a copy', async () => {
      const { roundTrip } = builtinManager();
      const value = { label: 'w', weights: new Float64Array(2048).map((_, i) => i / 4) };
      const { back } = await roundTrip(value, 'weights');
      const weights = (back as typeof value).weights;
      expect(weights).toEqual(value.weights);
      expect(weights.buffer.byteLength).toBeGreaterThan(weights.byteLength);
      expect(weights.byteOffset % 8).toBe(0);
    });
  });

  describe('when packing an unregistered class instance', () => {
    it('should store plain data and warn naming the class', async () => {
      const { roundTrip, warnings } = builtinManager();
      const { back } = await roundTrip(new Unknown(), 'u');
      expect(back).toEqual({ n: 1 });
      expect(warnings.join('\n')).toContain('Unknown');
    });

    it('should refuse it with strict=true', async () => {
      const { manager } = builtinManager();
      const err = await manager
        .pack(new Unknown(), 'u : object[strict=true]')
        .catch((e: unknown) => e);
      const codes: unknown[] = [];
      for (let e: unknown = err; e instanceof Error; e = e.cause)
        codes.push((e as { code?: unknown }).code);
      expect(codes).toContain('SERIALIZATION_UNREGISTERED_CLASS');
    });
  });

  describe('when a list holds values JSON cannot keep', () => {
    it('should default to object and keep them exactly', async () => {
      const { roundTrip } = builtinManager();
      const value = [new Date(0), 5n, new Set([1]), undefined, -0];
      const { out, back } = await roundTrip(value, 'k', Array);
      expect(out.artifactType).toBe('object');
      expect(back).toEqual(value);
    });
  });

  describe('when builtin packable values and exact strings are logged as object', () => {
    it('should give each back as itself, with no warning', async () => {
      const { roundTrip, warnings } = builtinManager();
      const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
      const value = {
        path: new LocalPath('/data/report'),
        url: new URL('s3://bucket/key?v=2'),
        lone: 'a\ud800b',
        bare,
        proto: JSON.parse('{"__proto__": {"x": 1}}') as object,
      };
      const { out, back } = await roundTrip(value, 'k : object');
      expect(out.artifactType).toBe('object');
      const got = back as typeof value;
      expect(got.path).toBeInstanceOf(LocalPath);
      expect(got.path).toEqual(value.path);
      expect(got.url).toBeInstanceOf(URL);
      expect(got.url.href).toBe(value.url.href);
      expect(got.lone).toBe('a\ud800b');
      expect(Object.getPrototypeOf(got.bare)).toBeNull();
      expect(Object.getPrototypeOf(got.proto)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(got.proto, '__proto__')?.value).toEqual({ x: 1 });
      expect(warnings).toEqual([]);
      for (const single of [value.path, value.url, value.lone]) {
        expect((await roundTrip(single, 'k : object')).back).toEqual(single);
      }
    });
  });
});
