import { html, type SafeHtml } from '../html/html';

/** Shape, dtype and order read from an `.npy` header (the first bytes of the file). */
export interface NpyHeader {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly fortranOrder: boolean;
}

/** Parses the header of an `.npy` file from its first bytes, or undefined when it is not one. */
export function parseNpyHeader(bytes: Uint8Array): NpyHeader | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 10 || buf[0] !== 0x93 || buf.toString('latin1', 1, 6) !== 'NUMPY')
    return undefined;
  const major = buf[6] ?? 0;
  const len = major === 1 ? buf.readUInt16LE(8) : buf.length >= 12 ? buf.readUInt32LE(8) : 0;
  const start = major === 1 ? 10 : 12;
  if (start + len > buf.length) return undefined;
  const text = buf.toString('latin1', start, start + len);
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || shape === undefined) return undefined;
  return {
    dtype: descr,
    shape: shape
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map(Number),
    fortranOrder: /'fortran_order'\s*:\s*True/.test(text),
  };
}

/** Count, NaNs, min, max, mean of numeric values, and a 20-bin histogram as inline SVG. */
export function numericSummary(values: ArrayLike<number | bigint>): SafeHtml {
  let count = 0;
  let nan = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  const nums: number[] = [];
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
    nums.push(v);
  }
  if (count === 0) return html`<p class="muted">No numeric values (${nan} NaN).</p>`;
  const bins = new Array<number>(20).fill(0);
  const width = max - min;
  for (const v of nums) {
    const i = width === 0 ? 0 : Math.min(19, Math.floor(((v - min) / width) * 20));
    bins[i] = (bins[i] ?? 0) + 1;
  }
  const top = Math.max(...bins);
  const bars = bins.map((b, i) => {
    const h = top === 0 ? 0 : Math.round((b / top) * 100);
    return html`<rect class="bar" x="${i * 20 + 1}" y="${110 - h}" width="18" height="${h}"
      ><title>${b} values</title></rect
    >`;
  });
  return html`<table>
      <tbody>
        <tr>
          <th scope="row">values</th>
          <td class="num">${count}</td>
        </tr>
        <tr>
          <th scope="row">NaN</th>
          <td class="num">${nan}</td>
        </tr>
        <tr>
          <th scope="row">min</th>
          <td class="num">${min}</td>
        </tr>
        <tr>
          <th scope="row">max</th>
          <td class="num">${max}</td>
        </tr>
        <tr>
          <th scope="row">mean</th>
          <td class="num">${sum / count}</td>
        </tr>
      </tbody>
    </table>
    <svg
      class="chart"
      role="img"
      aria-label="Histogram of the values, 20 bins from ${min} to ${max}"
      viewBox="0 0 400 130"
      width="400"
      height="130"
    >
      <line class="axis" x1="0" y1="110.5" x2="400" y2="110.5" />
      ${bars}
      <text x="0" y="125">${min}</text>
      <text x="400" y="125" text-anchor="end">${max}</text>
    </svg>`;
}
