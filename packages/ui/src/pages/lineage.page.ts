import {
  lineageGraph,
  LINEAGE_GRAPH_DEPTH,
  LINEAGE_GRAPH_MAX_DEPTH,
  type LineageFocus,
} from '../data/lineage-graph';
import type { StoreView } from '../data/store-view';
import { href, html, join, type SafeHtml } from '../html/html';
import { lineageGraphSvg, truncationNote } from './lineage-graph-svg';
import { artifactLink, runLink } from './page-parts';

/** What `/lineage` was asked for: a run, or an artifact key (and version). */
export interface LineageRequest {
  readonly run?: string;
  readonly key?: string;
  readonly version?: string;
  readonly depth?: string;
}

/** The steps from the query: a whole number from 1 to the maximum, else the default. */
export function depthOf(text: string | undefined): number {
  const n = Number(text ?? '');
  return Number.isSafeInteger(n) && n >= 1 && n <= LINEAGE_GRAPH_MAX_DEPTH
    ? n
    : LINEAGE_GRAPH_DEPTH;
}

/**
 * The lineage graph page: a run or artifact version with everything upstream and downstream of
 * it, `depth` steps each way, drawn as a graph whose nodes are links.
 */
export async function lineagePage(
  view: StoreView,
  req: LineageRequest,
): Promise<{ title: string; body: SafeHtml }> {
  const depth = depthOf(req.depth);
  let focus: LineageFocus;
  let title: string;
  let back: SafeHtml;
  const query: Record<string, string | undefined> = {};
  if (req.run !== undefined) {
    const run = await view.runs.read(req.run);
    focus = { run };
    title = `Lineage of run ${run.name}`;
    back = runLink(run.id, `run ${run.name}`);
    query['run'] = run.id;
  } else {
    const key = req.key ?? '';
    const artifact = await view.artifacts.read(
      key,
      req.version !== undefined ? { version: req.version } : {},
    );
    focus = { artifact };
    title = `Lineage of ${key}`;
    back = artifactLink(key, artifact.version, html`${key} <code>${artifact.version ?? ''}</code>`);
    query['key'] = key;
    query['version'] = artifact.version;
  }
  const graph = await lineageGraph(view, focus, { depth });
  const steps = [1, 2, 3, 4, 6, 8].filter((d) => d <= LINEAGE_GRAPH_MAX_DEPTH);
  return {
    title,
    body: html`<p>
        Back to ${back}. Upstream (what it was made from) on the left, downstream (what used it) on
        the right; dashed links were read by tag, not by version. Every box is a link.
      </p>
      <nav class="steps" aria-label="Steps each way">
        Steps each way:
        ${join(
          steps.map((d) =>
            d === depth
              ? html`<strong aria-current="true">${d}</strong>`
              : html`<a href="${href('/lineage', { ...query, depth: String(d) })}">${d}</a>`,
          ),
          ' · ',
        )}
      </nav>
      ${truncationNote(graph)} ${lineageGraphSvg(graph)}`,
  };
}
