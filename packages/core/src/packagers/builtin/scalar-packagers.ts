import type { DataItem } from '../../data/data-item';
import type { PackOutput } from '../pack-context';
import { fileArtifact } from './builtin-io';
import { scalarFromText, scalarToText, type ScalarKind } from './scalar-text';

/**
 * The shared body of the scalar packagers (number, boolean, bigint, Date, null/undefined):
 * `result` keeps the value itself (the run record encodes it), `file` writes one line of exact
 * text. @internal
 */
export abstract class ScalarPackagerBase {
  protected abstract readonly kind: ScalarKind;

  packResult(value: unknown): PackOutput {
    return { result: value };
  }

  packFile(value: unknown, key: string): PackOutput {
    const text = `${scalarToText(this.kind, value)}\n`;
    return {
      artifact: fileArtifact(key, Buffer.from(text, 'utf8'), 'txt'),
      instructions: { format: 'txt', kind: this.kind },
    };
  }

  async unpackFile(item: DataItem): Promise<unknown> {
    return scalarFromText(this.kind, await item.getText(), item.key);
  }
}
