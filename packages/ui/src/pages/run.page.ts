import type { RunRecord } from '@stowage/core';
import { inputRefs, type InputRef, type StoreView } from '../data/store-view';
import { formatDuration, formatTime } from '../html/format';
import { runErrorBox } from '../html/error-box';
import { html, type SafeHtml } from '../html/html';
import { headedTable } from '../html/table';
import { lineageOfRun } from './lineage';
import { artifactLink, fieldList, labelList, statusBadge, valueTable } from './page-parts';

/** One run: fields, params, inputs (linked), results, artifacts, error and lineage. */
export async function runPage(
  view: StoreView,
  id: string,
): Promise<{ title: string; body: SafeHtml }> {
  const run: RunRecord = await view.runs.read(id);
  const inputs = inputRefs(run);
  return {
    title: `Run ${run.name}`,
    body: html`${fieldList([
        ['id', html`<code>${run.id}</code>`],
        ['status', statusBadge(run.status)],
        ['labels', Object.keys(run.labels).length > 0 ? labelList(run.labels) : undefined],
        ['started', formatTime(run.startedAt)],
        ['ended', formatTime(run.endedAt)],
        ['duration', formatDuration(run.startedAt, run.endedAt)],
        ['host', run.runner?.host],
        ['pid', run.runner?.pid !== undefined ? String(run.runner.pid) : undefined],
      ])}
      ${run.error !== undefined ? runErrorBox(run.error, run.status === 'lost' ? 'Why it was lost' : 'Error') : ''}
      ${(run.failedOutputs ?? []).map((f) => runErrorBox(f.error, `Output "${f.key}" was not logged`))}
      ${
        (run.warnings ?? []).length > 0
          ? html`<h2>Warnings</h2>
              <ul>
                ${(run.warnings ?? []).map((w) => html`<li>${w}</li>`)}
              </ul>`
          : ''
      }
      <h2>Params</h2>
      ${valueTable(run.params, 'No params.')}
      <h2>Inputs</h2>
      ${inputTable(inputs)}
      <h2>Results</h2>
      ${valueTable(run.results, 'No results.')}
      <h2>Artifacts</h2>
      ${
        run.artifacts.length === 0
          ? html`<p class="muted">No artifacts.</p>`
          : headedTable(
              ['key', 'kind', 'version', 'tag'],
              run.artifacts.map(
                (a) =>
                  html`<tr>
                    <td>${artifactLink(a.key, a.version)}</td>
                    <td>${a.kind}</td>
                    <td><code>${a.version}</code></td>
                    <td>${a.tag ?? ''}</td>
                  </tr>`,
              ),
            )
      }
      <h2>Lineage</h2>
      ${await lineageOfRun(view, run)}`,
  };
}

function inputTable(inputs: readonly InputRef[]): SafeHtml {
  if (inputs.length === 0) return html`<p class="muted">No inputs.</p>`;
  return headedTable(
    ['input', 'read from'],
    inputs.map(
      (i) =>
        html`<tr>
          <th scope="row">${i.name}</th>
          <td>
            ${
              i.key !== undefined
                ? artifactLink(i.key, i.version, i.uri)
                : html`<code>${i.uri}</code>`
            }
          </td>
        </tr>`,
    ),
  );
}
