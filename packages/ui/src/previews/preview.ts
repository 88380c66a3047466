import { storedFilePath } from '@stowage/core/internal';
import { decodeNpy } from '@stowage/core';
import type { Artifact, DatasetArtifact, ModelArtifact } from '@stowage/core';
import type { StoreView } from '../data/store-view';
import { formatBytes, formatValue } from '../html/format';
import { href, html, type SafeHtml } from '../html/html';
import { headedTable } from '../html/table';
import { thrownErrorBox } from '../html/error-box';
import { extensionOf, IMAGE_TYPES, TEXT_FORMATS } from './file-types';
import { modelPreview } from './model-preview';
import { numericSummary, parseNpyHeader } from './npy-summary';
import { npzPreview } from './npz-preview';

/** Files up to this size are read whole for a preview, with their sha256 checked. */
export const VERIFIED_PREVIEW_BYTES = 1024 * 1024;
/** Arrays up to this size get a summary and histogram (the file is read whole, checked). */
export const ARRAY_SUMMARY_BYTES = 8 * 1024 * 1024;
/** How much of a text file is shown. */
export const TEXT_PREVIEW_BYTES = 64 * 1024;

/**
 * A preview of an artifact that reads as little as it can: a dataset's record (schema, stats,
 * first rows) without its file; an array's header, and a summary when it is small; an image
 * through `<img>`; the start of a text file as escaped text; a directory's listing.
 *
 * @remarks
 * Small files are read whole with their hash checked, so a damaged artifact shows its
 * `IntegrityError`; a big text file shows its first 64 KB, unchecked, and says so.
 */
export async function previewOf(view: StoreView, artifact: Artifact): Promise<SafeHtml> {
  try {
    return await buildPreview(view, artifact);
  } catch (error) {
    return thrownErrorBox(error, 'The preview failed');
  }
}

async function buildPreview(view: StoreView, a: Artifact): Promise<SafeHtml> {
  const format = (a.format ?? extensionOf(a.fileName)).toLowerCase();
  if (a.kind === 'dataset') {
    const section = datasetPreview(a as DatasetArtifact);
    if (section !== undefined) return section;
  }
  if (a.kind === 'model') return modelPreview(a as ModelArtifact);
  if (a.kind === 'directory' || (a.fileName === undefined && (a.fileRecords ?? []).length > 0))
    return html`<p>${(a.fileRecords ?? []).length} files:</p>
      ${headedTable(
        ['path', 'size'],
        (a.fileRecords ?? []).slice(0, 500).map(
          (f) =>
            html`<tr>
              <td>${f.name}</td>
              <td class="num">${formatBytes(f.size)}</td>
            </tr>`,
        ),
      )}`;
  if (a.fileName === undefined) return html`<p class="muted">No file to preview.</p>`;
  if (IMAGE_TYPES[format] !== undefined)
    return html`<img
      class="preview"
      src="${href('/download', { key: a.key, version: a.version, inline: '1' })}"
      alt="${a.description ?? `image ${a.key}`}"
    />`;
  if (format === 'npy') return arrayPreview(view, a);
  if (format === 'npz') return npzPreview(view, a);
  if (TEXT_FORMATS.has(format)) return textPreview(view, a);
  return html`<p class="muted">
    No preview for the format "${format || 'unknown'}"; download the file.
  </p>`;
}

function datasetPreview(d: DatasetArtifact): SafeHtml | undefined {
  const fields = d.schema?.fields ?? [];
  if (fields.length === 0 && d.preview.length === 0) return undefined;
  const names =
    fields.length > 0
      ? fields.map((f) => f.name)
      : [...new Set(d.preview.flatMap((r) => Object.keys(r)))];
  const stats = (d.stats ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const statNames = ['type', 'count', 'nulls', 'min', 'max', 'mean', 'std', 'distinct'];
  const hasStats = Object.keys(stats).length > 0;
  return html`<p>
      ${d.rowCount !== undefined ? `${d.rowCount} rows, ` : ''}${names.length} columns (from the
      record; the file is not read).
    </p>
    <h3>Schema</h3>
    ${headedTable(
      ['column', 'type', 'nullable'],
      fields.map(
        (f) =>
          html`<tr>
            <td>${f.name}</td>
            <td>${f.type}</td>
            <td>${f.nullable === true ? 'yes' : ''}</td>
          </tr>`,
      ),
    )}
    ${
      hasStats
        ? html`<h3>Column statistics</h3>
            ${headedTable(
              ['column', ...statNames],
              Object.entries(stats).map(
                ([col, s]) =>
                  html`<tr>
                    <th scope="row">${col}</th>
                    ${statNames.map((n) => html`<td>${formatValue(s?.[n], 40)}</td>`)}
                  </tr>`,
              ),
            )}`
        : ''
    }
    <h3>First rows</h3>
    ${
      d.preview.length === 0
        ? html`<p class="muted">The record holds no rows.</p>`
        : headedTable(
            names,
            d.preview.map(
              (row) =>
                html`<tr>
                  ${names.map((n) => html`<td>${formatValue(row[n], 80)}</td>`)}
                </tr>`,
            ),
            { className: 'rows' },
          )
    }`;
}

async function arrayPreview(view: StoreView, a: Artifact): Promise<SafeHtml> {
  const size = a.size ?? 0;
  const path = storedFilePath(a, a.fileName ?? '');
  if (size > ARRAY_SUMMARY_BYTES) {
    const head = parseNpyHeader(
      await view.store.get(path, { start: 0, end: Math.min(size, 4096) }),
    );
    if (head === undefined) return html`<p class="muted">Not an .npy file.</p>`;
    return html`<p>
      shape (${head.shape.join(', ')}), dtype <code>${head.dtype}</code>; ${formatBytes(size)}: too
      big for a summary here (read from the header only).
    </p>`;
  }
  const npy = decodeNpy(await view.artifacts.item(a).get(), a.uri ?? a.key);
  return html`<p>shape (${npy.shape.join(', ')}), dtype <code>${npy.dtype}</code></p>
    ${numericSummary(npy.data)}`;
}

async function textPreview(view: StoreView, a: Artifact): Promise<SafeHtml> {
  const size = a.size ?? 0;
  let bytes: Buffer;
  let note = '';
  if (size <= VERIFIED_PREVIEW_BYTES) bytes = await view.artifacts.item(a).get();
  else {
    const path = storedFilePath(a, a.fileName ?? '');
    bytes = await view.store.get(path, { start: 0, end: TEXT_PREVIEW_BYTES });
    note = `The first ${formatBytes(TEXT_PREVIEW_BYTES)} of ${formatBytes(size)}, not checked against the hash (the download is).`;
  }
  let text = bytes.subarray(0, TEXT_PREVIEW_BYTES).toString('utf8');
  if (bytes.length > TEXT_PREVIEW_BYTES && note === '')
    note = `The first ${formatBytes(TEXT_PREVIEW_BYTES)} of ${formatBytes(size)}.`;
  const format = (a.format ?? extensionOf(a.fileName)).toLowerCase();
  if (format === 'json' && bytes.length <= TEXT_PREVIEW_BYTES) {
    try {
      text = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Shown as it is.
    }
  }
  return html`${note !== '' ? html`<p class="muted">${note}</p>` : ''}
    <pre class="text-preview">${text}</pre>`;
}
