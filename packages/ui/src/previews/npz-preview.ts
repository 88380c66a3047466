import { decodeNpz } from '@stowage/core';
import type { Artifact } from '@stowage/core';
import { storedFilePath } from '@stowage/core/internal';
import type { StoreView } from '../data/store-view';
import { thrownErrorBox } from '../html/error-box';
import { formatBytes } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { headedTable } from '../html/table';
import { listNpz } from './npz-listing';
import { numericSummary } from './npy-summary';

/** `.npz` files up to this size are read whole (sha256 checked) for summaries and a histogram. */
export const NPZ_SUMMARY_BYTES = 8 * 1024 * 1024;
/** The most arrays an `.npz` preview lists. */
export const NPZ_LIST_MAX = 200;

/** Count, NaNs, min, max and mean of numeric values. */
export function arrayStats(values: ArrayLike<number | bigint>): {
  count: number;
  nan: number;
  min?: number;
  max?: number;
  mean?: number;
} {
  let count = 0;
  let nan = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Number(values[i]);
    if (Number.isNaN(v)) {
      nan++;
      continue;
    }
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return count === 0 ? { count, nan } : { count, nan, min, max, mean: sum / count };
}

const cell = (n: number | undefined): SafeHtml =>
  html`<td class="num">${n === undefined ? '' : String(n)}</td>`;

/**
 * An `.npz` bundle: each array with its shape, dtype and summary (count, NaN, min, max, mean), and
 * a histogram of the first one. Up to {@link NPZ_SUMMARY_BYTES} the file is read whole with its
 * sha256 checked; above, only the zip's directory and each array's `.npy` header are read
 * (ranged reads), for names, shapes and dtypes.
 */
export async function npzPreview(view: StoreView, a: Artifact): Promise<SafeHtml> {
  const size = a.size ?? 0;
  if (size > NPZ_SUMMARY_BYTES) {
    // A big file is usually a shared blob (format 2): read it where the record says it is.
    const path = storedFilePath(a, a.fileName ?? '');
    const listing = await listNpz(size, (start, end) => view.store.get(path, { start, end }));
    if (listing === undefined) return html`<p class="muted">Not an .npz (zip) file.</p>`;
    return html`<p>
        ${listing.total} arrays, ${formatBytes(size)}: too big for summaries here (names, shapes and
        dtypes read from the zip directory and the array headers only).
      </p>
      ${headedTable(
        ['array', 'shape', 'dtype', 'size'],
        listing.entries.slice(0, NPZ_LIST_MAX).map(
          (e) =>
            html`<tr>
              <th scope="row">${e.name}</th>
              <td>
                ${e.header !== undefined ? `(${e.header.shape.join(', ')})` : e.compressed ? 'compressed' : ''}
              </td>
              <td><code>${e.header?.dtype ?? ''}</code></td>
              <td class="num">${formatBytes(e.size)}</td>
            </tr>`,
        ),
        { className: 'arrays' },
      )}`;
  }
  const arrays = decodeNpz(await view.artifacts.item(a).get(), a.uri ?? a.key);
  const names = Object.keys(arrays);
  const rows = names.slice(0, NPZ_LIST_MAX).map((name) => {
    try {
      const npy = arrays[name];
      if (npy === undefined) return html``;
      const s = arrayStats(npy.data);
      return html`<tr>
        <th scope="row">${name}</th>
        <td>(${npy.shape.join(', ')})</td>
        <td><code>${npy.dtype}</code></td>
        ${cell(s.count)} ${cell(s.nan)} ${cell(s.min)} ${cell(s.max)} ${cell(s.mean)}
      </tr>`;
    } catch (error) {
      return html`<tr>
        <th scope="row">${name}</th>
        <td colspan="7">${thrownErrorBox(error, 'This array cannot be read')}</td>
      </tr>`;
    }
  });
  let histogram: SafeHtml = html``;
  const first = names[0];
  if (first !== undefined) {
    try {
      const npy = arrays[first];
      if (npy !== undefined)
        histogram = html`<h3>First array: ${first}</h3>
          ${numericSummary(npy.data)}`;
    } catch {
      // Its error is in the table.
    }
  }
  return html`<p>
      ${names.length}
      arrays${names.length > NPZ_LIST_MAX ? ` (the first ${NPZ_LIST_MAX} listed)` : ''}:
    </p>
    ${headedTable(['array', 'shape', 'dtype', 'values', 'NaN', 'min', 'max', 'mean'], rows, {
      className: 'arrays',
    })}
    ${histogram}`;
}
