import 'reflect-metadata';
import { Artifact } from '../../src/artifacts/artifact';
import type { DataItem } from '../../src/data/data-item';
import { Pack } from '../../src/decorators/pack.decorator';
import { BuiltinPackager } from '../../src/decorators/packager.decorator';
import { Unpack } from '../../src/decorators/unpack.decorator';
import type { ArtifactOutput } from '../../src/packagers/pack-context';

/**
 * A stand-in for the builtin `object` fallback in manager tests: stores JSON, reads it back as
 * plain data. Named like the real one would be so records look realistic.
 */
@BuiltinPackager({ type: Object, name: 'test.json-fallback', defaultPackingArtifactType: 'object' })
export class JsonFallbackPackager {
  @Pack('object')
  packObject(value: unknown, key: string): ArtifactOutput {
    const body = Buffer.from(JSON.stringify(value));
    return {
      artifact: new Artifact({ key, body, fileName: 'data.json' }),
      instructions: { encoding: 'json' },
    };
  }

  @Unpack('object')
  async unpackObject(item: DataItem): Promise<unknown> {
    return item.getJson();
  }
}
