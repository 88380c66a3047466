import type { DataItem } from '../../data/data-item';
import { Pack } from '../../decorators/pack.decorator';
import { Unpack } from '../../decorators/unpack.decorator';
import type { PackOutput } from '../pack-context';
import { fileArtifact } from './builtin-io';
import { scalarFromText, scalarToText, type ScalarKind } from './scalar-text';

/**
 * The shared body of the scalar packagers (number, boolean, bigint, Date, null/undefined):
 * `result` keeps the value itself (the run record encodes it), `file` writes one line of exact
 * text. Subclasses inherit the decorated methods and add only `@BuiltinPackager` and their kind.
 * @internal
 */
export abstract class ScalarPackagerBase {
  protected abstract readonly kind: ScalarKind;

  @Pack('result')
  packResult(value: unknown): PackOutput {
    return { result: value };
  }

  @Pack('file')
  packFile(value: unknown, key: string): PackOutput {
    const text = `${scalarToText(this.kind, value)}\n`;
    return {
      artifact: fileArtifact(key, Buffer.from(text, 'utf8'), 'txt'),
      instructions: { format: 'txt', kind: this.kind },
    };
  }

  @Unpack('file')
  async unpackFile(item: DataItem): Promise<unknown> {
    return scalarFromText(this.kind, await item.getText(), item.key);
  }
}
