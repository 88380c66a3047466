import type { ModelArtifact } from '@stowage/core';
import { formatValue } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { headedTable } from '../html/table';

function table(values: Readonly<Record<string, unknown>>, empty: string): SafeHtml {
  const entries = Object.entries(values);
  if (entries.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<table>
    <tbody>
      ${entries.map(
        ([k, v]) =>
          html`<tr>
            <th scope="row">${k}</th>
            ${typeof v === 'number' ? html`<td class="num">${v}</td>` : html`<td>${formatValue(v, 2000)}</td>`}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function features(title: string, list: readonly { name: string; type: string }[]): SafeHtml {
  if (list.length === 0) return html``;
  return html`<h3>${title}</h3>
    ${headedTable(
      ['name', 'type'],
      list.map(
        (f) =>
          html`<tr>
            <td>${f.name}</td>
            <td>${f.type}</td>
          </tr>`,
      ),
    )}`;
}

/**
 * A model from its record alone (the model file is not read): framework and algorithm, its
 * metrics, the parameters it was trained with, its input and output features, and its extra data.
 */
export function modelPreview(model: ModelArtifact): SafeHtml {
  return html`<p>
      Model${model.framework !== undefined ? html` (${model.framework}${model.algorithm !== undefined ? `, ${model.algorithm}` : ''})` : ''};
      from the record, the model file is not read.
    </p>
    <h3>Metrics</h3>
    ${table(model.metrics ?? {}, 'No metrics recorded.')}
    <h3>Parameters</h3>
    ${table(model.parameters ?? {}, 'No parameters recorded.')}
    ${features('Inputs', model.inputs ?? [])} ${features('Outputs', model.outputs ?? [])}
    <h3>Extra data</h3>
    ${table(model.extraData, 'No extra data.')}`;
}
