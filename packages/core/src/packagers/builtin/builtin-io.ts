import { Artifact } from '../../artifacts/artifact';
import type { DataItem } from '../../data/data-item';
import type { Body } from '../../stores/store';

/** A `file` artifact with its primary body, file name and format. @internal */
export function fileArtifact(
  key: string,
  body: Body,
  extension: string,
  format: string = extension,
): Artifact {
  return new Artifact({ key, body, fileName: `${safeFileStem(key)}.${extension}`, format });
}

/** A file-name stem derived from an artifact key (`/` and odd characters replaced). @internal */
export function safeFileStem(key: string): string {
  const stem = key.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '_');
  return stem === '' ? 'data' : stem.slice(0, 100);
}

/** The format recorded in the instructions, else on the artifact, else the file extension. @internal */
export function recordedFormat(
  item: DataItem,
  instructions: { readonly format?: unknown },
): string | undefined {
  if (typeof instructions.format === 'string') return instructions.format;
  if (item.meta?.format !== undefined) return item.meta.format;
  const name = item.meta?.fileName ?? item.key;
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : undefined;
}
