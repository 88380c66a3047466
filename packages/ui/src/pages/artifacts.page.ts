import type { KeyEntry, StoreView } from '../data/store-view';
import { formatBytes, formatTime } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { artifactLink, pageNumber, pager, runLink } from './page-parts';

/** Keys per page of the artifacts list. */
export const ARTIFACTS_PAGE_SIZE = 50;

interface KeysPage {
  /** Kinds offered by the filter. */
  readonly kinds: string[];
  /** The rows of the page (from the index). */
  readonly found: KeyEntry[];
  /** Keys matching, in all pages. */
  readonly total: number;
}

/** One page of every key, by name, read from the start of the listing index only. */
async function unfilteredPage(view: StoreView, page: number): Promise<KeysPage> {
  const { rows, total, kinds } = await view.firstKeys(page * ARTIFACTS_PAGE_SIZE);
  return { kinds, found: rows.slice((page - 1) * ARTIFACTS_PAGE_SIZE), total };
}

/** One page of the keys matching the key text and kind (all keys read). */
function filtered(all: readonly KeyEntry[], q: string, kind: string, page: number): KeysPage {
  const kinds = [
    ...new Set(
      all.map((e) => e.latest?.kind ?? e.kind).filter((k): k is string => k !== undefined),
    ),
  ].sort();
  const matching = all.filter(
    (e) =>
      (q === '' || e.key.toLowerCase().includes(q)) &&
      (kind === '' || (e.latest?.kind ?? e.kind) === kind),
  );
  return {
    kinds,
    found: matching.slice((page - 1) * ARTIFACTS_PAGE_SIZE, page * ARTIFACTS_PAGE_SIZE),
    total: matching.length,
  };
}

/** The artifacts list: one row per key (newest version), filtered by key text and kind. */
export async function artifactsPage(view: StoreView, params: URLSearchParams): Promise<SafeHtml> {
  const q = (params.get('q') ?? '').trim().toLowerCase();
  const kind = (params.get('kind') ?? '').trim();
  const page = pageNumber(params.get('page'));
  // Unfiltered, the page reads the start of the listing index only; a filter reads all of it.
  const { kinds, found, total } =
    q === '' && kind === ''
      ? await unfilteredPage(view, page)
      : filtered(await view.listKeys(), q, kind, page);
  const pages = Math.ceil(total / ARTIFACTS_PAGE_SIZE);
  // The index picked the page; what it shows is read from the records.
  const rows = await view.verifyKeys(found);
  const row = (e: KeyEntry): SafeHtml => {
    const a = e.summary;
    const tags = e.tags.map((t) => `${t.tag}→${t.version.slice(-6)}`).join(', ');
    if (a === undefined)
      return html`<tr>
        <td>${artifactLink(e.key)}</td>
        <td colspan="6">
          <span class="status status-error">unreadable</span>
          ${e.error instanceof Error ? e.error.message : ''}
        </td>
      </tr>`;
    return html`<tr>
      <td>${artifactLink(e.key)}</td>
      <td>${a.kind}</td>
      <td class="num">${e.versions.length}</td>
      <td>${tags}</td>
      <td class="num">${formatBytes(a.bytes)}</td>
      <td>${formatTime(a.createdAt)}</td>
      <td>
        ${a.producer !== undefined ? runLink(a.producer.runId, a.producer.name ?? a.producer.runId) : ''}
      </td>
    </tr>`;
  };
  return html`<form class="filters" method="get" action="/artifacts" role="search">
      <label for="search"
        >Key contains<input
          id="search"
          name="q"
          type="search"
          value="${params.get('q') ?? ''}"
          placeholder="press / to search"
      /></label>
      <label for="kind"
        >Kind<select id="kind" name="kind">
          <option value="">any</option>
          ${kinds.map(
            (k) => html`<option value="${k}" ${k === kind ? html` selected` : ''}>${k}</option>`,
          )}
        </select></label
      >
      <button type="submit">Filter</button>
    </form>
    ${
      rows.length === 0
        ? html`<p>No artifacts match.</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Kind</th>
                <th scope="col">Versions</th>
                <th scope="col">Tags</th>
                <th scope="col">Size (newest)</th>
                <th scope="col">Created</th>
                <th scope="col">Made by run</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(row)}
            </tbody>
          </table>`
    }
    ${pager('/artifacts', { q: params.get('q') ?? undefined, kind: kind || undefined }, page, pages, total)}`;
}
