import type { Artifact, RunRecord } from '@stowage/core';
import { inputRefs, type StoreView } from '../data/store-view';
import { ConsumerIndex } from '../data/consumer-index';
import { lineageGraph } from '../data/lineage-graph';
import { href, html, type SafeHtml } from '../html/html';
import { lineageGraphSvg, truncationNote } from './lineage-graph-svg';
import { artifactLink, runLink } from './page-parts';

/** How many levels up and down the lineage lists go. */
export const LINEAGE_DEPTH = 3;

/**
 * Upstream: the run's inputs, the runs that made them, their inputs, … (`depth` levels), as a
 * nested list. Downstream: the runs that read this run's artifacts.
 */
export async function lineageOfRun(view: StoreView, run: RunRecord): Promise<SafeHtml> {
  const index = new ConsumerIndex(view);
  const downstream: SafeHtml[] = [];
  for (const a of run.artifacts) {
    for (const c of await index.consumers(a.key, a.version))
      downstream.push(
        html`<li>
          ${artifactLink(a.key, a.version)} was read by ${runLink(c.run.id, c.run.name)} as
          <code>${c.ref.name}</code>${c.exact ? '' : html` <span class="muted">(by tag)</span>`}
        </li>`,
      );
  }
  const graph = await lineageGraph(view, { run }, { depth: LINEAGE_DEPTH, consumers: index });
  return html`${truncationNote(graph)} ${lineageGraphSvg(graph)}
    <p><a href="${href('/lineage', { run: run.id })}">Open the lineage graph</a> (more steps).</p>
    <h3>Made from</h3>
    ${await upstream(view, run, LINEAGE_DEPTH, new Set([run.id]))}
    <h3>Used by</h3>
    ${
      downstream.length > 0
        ? html`<ul class="lineage">
            ${downstream}
          </ul>`
        : html`<p class="muted">No run read its artifacts.</p>`
    }`;
}

/** The artifact's producing run and that run's upstream; the runs that read this version. */
export async function lineageOfArtifact(view: StoreView, artifact: Artifact): Promise<SafeHtml> {
  const version = artifact.version ?? '';
  const index = new ConsumerIndex(view);
  const users = await index.consumers(artifact.key, version);
  let made: SafeHtml = html`<p class="muted">No producing run is recorded.</p>`;
  if (artifact.producer !== undefined) {
    const id = artifact.producer.runId;
    const run = await view.runs.read(id).catch(() => undefined);
    made =
      run === undefined
        ? html`<p>${runLink(id)} <span class="muted">(its record cannot be read)</span></p>`
        : html`<ul class="lineage">
            <li>
              made by run
              ${runLink(run.id, run.name)}${await upstream(view, run, LINEAGE_DEPTH - 1, new Set([run.id]))}
            </li>
          </ul>`;
  }
  const graph = await lineageGraph(view, { artifact }, { depth: LINEAGE_DEPTH, consumers: index });
  return html`${truncationNote(graph)} ${lineageGraphSvg(graph)}
    <p>
      <a href="${href('/lineage', { key: artifact.key, version })}">Open the lineage graph</a>
      (more steps).
    </p>
    <h3>Made by</h3>
    ${made}
    <h3>Used by</h3>
    ${
      users.length > 0
        ? html`<ul class="lineage">
            ${users.map(
              (u) =>
                html`<li>
                  read by run ${runLink(u.run.id, u.run.name)} as
                  <code>${u.ref.name}</code
                  >${u.exact ? '' : html` <span class="muted">(by tag: <code>${u.ref.uri}</code>)</span>`}
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">No run read this version.</p>`
    }`;
}

async function upstream(
  view: StoreView,
  run: RunRecord,
  depth: number,
  seen: Set<string>,
): Promise<SafeHtml> {
  const refs = inputRefs(run);
  if (refs.length === 0) return html`<p class="muted">No inputs.</p>`;
  const items: SafeHtml[] = [];
  for (const ref of refs) {
    if (ref.key === undefined) {
      items.push(html`<li><code>${ref.name}</code> from <code>${ref.uri}</code></li>`);
      continue;
    }
    const artifact = await view.artifacts
      .read(
        ref.key,
        ref.version !== undefined
          ? { version: ref.version }
          : ref.tag !== undefined
            ? { tag: ref.tag }
            : {},
      )
      .catch(() => undefined);
    const producer = artifact?.producer?.runId;
    let below: SafeHtml | string = '';
    if (producer !== undefined && depth > 1 && !seen.has(producer)) {
      seen.add(producer);
      const parent = await view.runs.read(producer).catch(() => undefined);
      if (parent !== undefined)
        below = html` made by
        ${runLink(parent.id, parent.name)}${await upstream(view, parent, depth - 1, seen)}`;
    } else if (producer !== undefined) below = html` made by ${runLink(producer)}`;
    items.push(
      html`<li>
        <code>${ref.name}</code> ←
        ${artifactLink(ref.key, ref.version ?? artifact?.version, ref.uri)}${below}
      </li>`,
    );
  }
  return html`<ul class="lineage">
    ${items}
  </ul>`;
}
