import { Artifact } from '../../src/artifacts/artifact';
import { ArtifactKinds } from '../../src/artifacts/artifact-kinds';
import {
  ARTIFACT_SCHEMA_VERSION,
  PLAIN_SCHEMA_VERSION,
  cloneArtifact,
  decodeArtifactRecord,
  encodeArtifactRecord,
  parseArtifactRecord,
} from '../../src/artifacts/artifact-record';
import { DatasetArtifact } from '../../src/artifacts/dataset.artifact';
import { DirectoryArtifact } from '../../src/artifacts/directory.artifact';
import { DocumentArtifact } from '../../src/artifacts/document.artifact';
import { LLMPromptArtifact } from '../../src/artifacts/llm-prompt.artifact';
import { ModelArtifact } from '../../src/artifacts/model.artifact';
import { PlotArtifact } from '../../src/artifacts/plot.artifact';
import { StoreError } from '../../src/errors/store.error';
import { expectStowageError } from '../helpers/expect-stowage-error';

const roundTrip = (a: Artifact, kinds = ArtifactKinds.builtin()): Artifact =>
  decodeArtifactRecord(JSON.parse(JSON.stringify(encodeArtifactRecord(a))), kinds, 'test');

describe(encodeArtifactRecord, () => {
  describe('when encoding any kind', () => {
    it('should write schemaVersion and kind first and leave the bytes out', () => {
      const record = encodeArtifactRecord(
        new Artifact({ key: 'k', body: Buffer.from('x'), files: { a: Buffer.from('y') } }),
      );
      expect(Object.keys(record).slice(0, 3)).toEqual(['schemaVersion', 'kind', 'key']);
      expect(record).toMatchObject({
        schemaVersion: PLAIN_SCHEMA_VERSION,
        kind: 'artifact',
        key: 'k',
        labels: {},
        extraData: {},
      });
      expect(record).not.toHaveProperty('body');
      expect(record).not.toHaveProperty('files');
    });

    it('should write the newest schema version only for a record that keeps bytes inside it', () => {
      const plain = new Artifact({ key: 'k' });
      const inline = Object.assign(new Artifact({ key: 'k' }), {
        inlineFiles: { 'data.txt': Buffer.from('x').toString('base64') },
      });
      expect(encodeArtifactRecord(plain).schemaVersion).toBe(3);
      expect(encodeArtifactRecord(inline).schemaVersion).toBe(ARTIFACT_SCHEMA_VERSION);
      expect(ARTIFACT_SCHEMA_VERSION).toBe(4);
    });

    it('should keep bigint and Date values of extra data', () => {
      const when = new Date('2026-01-02T03:04:05.000Z');
      const back = roundTrip(
        new Artifact({ key: 'k', extraData: { big: 12345678901234567890n, when } }),
      );
      expect(back.extraData).toEqual({ big: 12345678901234567890n, when });
    });

    it('should refuse a value that is not data', () => {
      expect(() =>
        encodeArtifactRecord(new Artifact({ key: 'k', extraData: { f: () => 1 } })),
      ).toThrow(expect.objectContaining({ code: 'SERIALIZATION_FAILED' }));
    });
  });
});

describe(decodeArtifactRecord, () => {
  describe('when reading each builtin kind', () => {
    it.each([
      new ModelArtifact({
        key: 'm',
        framework: 'onnx',
        metrics: { auc: 0.91 },
        inputs: [{ name: 'x', type: 'float32' }],
      }),
      new DatasetArtifact({
        key: 'd',
        schema: { fields: [{ name: 'a', type: 'int64' }] },
        rowCount: 3,
        preview: [{ a: 1 }],
      }),
      new PlotArtifact({ key: 'p', fileName: 'chart.svg', width: 10 }),
      new DirectoryArtifact({ key: 'dir' }),
      new LLMPromptArtifact({
        key: 'q',
        template: 'Hi {name}',
        model: 'gpt',
        modelSettings: { temperature: 0.2 },
      }),
      new DocumentArtifact({ key: 'doc', title: 'T', mimeType: 'text/plain' }),
    ])('should read $kind back into its class with its fields', (artifact) => {
      const back = roundTrip(artifact);
      expect(back.constructor).toBe(artifact.constructor);
      expect(back.kind).toBe(artifact.kind);
      expect(encodeArtifactRecord(back)).toEqual(encodeArtifactRecord(artifact));
    });
  });

  describe('when the record has fields or a kind this version does not know', () => {
    it('should keep unknown fields through a read/write cycle', () => {
      const record = {
        ...encodeArtifactRecord(new ModelArtifact({ key: 'm' })),
        schemaVersion: ARTIFACT_SCHEMA_VERSION,
        futureField: { a: [1, 2] },
      };
      const back = decodeArtifactRecord(record, ArtifactKinds.builtin(), 'test');
      expect(back).toBeInstanceOf(ModelArtifact);
      expect(encodeArtifactRecord(back)).toEqual(record);
    });

    it('should refuse a record of a newer schema version with STORE_FORMAT_TOO_NEW', () => {
      const record = {
        ...encodeArtifactRecord(new ModelArtifact({ key: 'm' })),
        schemaVersion: ARTIFACT_SCHEMA_VERSION + 1,
      };
      const error = expectStowageError(
        () => decodeArtifactRecord(record, ArtifactKinds.builtin(), 'test'),
        StoreError,
        'STORE_FORMAT_TOO_NEW',
      );
      expect(error.details).toMatchObject({ found: ARTIFACT_SCHEMA_VERSION + 1 });
      expect(error.message).toMatch(/reads up to 4/);
    });

    it('should read an unknown kind as an Artifact that keeps its kind', () => {
      const record = {
        schemaVersion: ARTIFACT_SCHEMA_VERSION,
        kind: 'hologram',
        key: 'h',
        depth: 3,
        labels: {},
        extraData: {},
      };
      const back = decodeArtifactRecord(record, ArtifactKinds.builtin(), 'test');
      expect(back).toBeInstanceOf(Artifact);
      expect(back.kind).toBe('hologram');
      expect(encodeArtifactRecord(back)).toEqual(record);
    });

    it('should read a custom kind registered on a new kinds map', () => {
      class ImageArtifact extends Artifact {
        static override readonly kind = 'image';
        pixels = 0;
      }
      const kinds = ArtifactKinds.builtin().with(ImageArtifact);
      const back = roundTrip(Object.assign(new ImageArtifact({ key: 'i' }), { pixels: 4 }), kinds);
      expect(back).toBeInstanceOf(ImageArtifact);
      expect((back as ImageArtifact).pixels).toBe(4);
      expect(ArtifactKinds.builtin().classFor('image')).toBeUndefined();
    });
  });

  describe('when the record is damaged', () => {
    it('should throw IntegrityError RECORD_CORRUPT for bytes that are not JSON', () => {
      expect(() =>
        parseArtifactRecord(Buffer.from('{oops'), ArtifactKinds.builtin(), 'store x'),
      ).toThrow(expect.objectContaining({ name: 'IntegrityError', code: 'RECORD_CORRUPT' }));
    });

    it.each([
      ['not an object', '[1]'],
      ['missing key', '{"schemaVersion":1,"kind":"model"}'],
      ['missing schemaVersion', '{"kind":"model","key":"k"}'],
    ])('should throw RECORD_INVALID for %s', (_why, text) => {
      expect(() =>
        parseArtifactRecord(Buffer.from(text), ArtifactKinds.builtin(), 'store x'),
      ).toThrow(expect.objectContaining({ name: 'StoreError', code: 'RECORD_INVALID' }));
    });

    it('should not let __proto__ in a record pollute prototypes', () => {
      const text = '{"schemaVersion":1,"kind":"artifact","key":"k","__proto__":{"polluted":true}}';
      const back = parseArtifactRecord(Buffer.from(text), ArtifactKinds.builtin(), 'x');
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
      expect((back as unknown as { polluted?: boolean }).polluted).toBeUndefined();
    });
  });
});

describe(cloneArtifact, () => {
  describe('when copying', () => {
    it('should keep the class and copy maps so changes do not leak back', () => {
      const model = new ModelArtifact({ key: 'm', body: Buffer.from('x'), metrics: { a: 1 } });
      const copy = cloneArtifact(model);
      copy.metrics['b'] = 2;
      copy.labels['x'] = 'y';
      expect(copy).toBeInstanceOf(ModelArtifact);
      expect(copy.body).toBeUndefined();
      expect(model.metrics).toEqual({ a: 1 });
      expect(model.labels).toEqual({});
    });
  });
});
