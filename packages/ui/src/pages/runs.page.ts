import type { RunRecord } from '@stowage/core';
import type { RunEntry, StoreView } from '../data/store-view';
import { durationMs, formatDuration, formatTime } from '../html/format';
import { href, html, type SafeHtml } from '../html/html';
import { labelList, pageNumber, pager, runLink, statusBadge } from './page-parts';

/** Rows per page of the runs list. */
export const RUNS_PAGE_SIZE = 50;

const STATUSES = ['running', 'completed', 'warn', 'error', 'lost'] as const;
const SORTS = ['started', 'name', 'status', 'duration'] as const;
type Sort = (typeof SORTS)[number];

/** The query of the runs list, read leniently (unknown values fall back to the defaults). */
export interface RunsQuery {
  readonly status?: string;
  readonly q?: string;
  readonly sort: Sort;
  readonly dir: 'asc' | 'desc';
  readonly page: number;
}

/** Reads the runs list's query string. */
export function runsQuery(params: URLSearchParams): RunsQuery {
  const status = params.get('status') ?? '';
  const q = (params.get('q') ?? '').trim();
  const sort = SORTS.find((s) => s === params.get('sort')) ?? 'started';
  return {
    ...(STATUSES.some((s) => s === status) ? { status } : {}),
    ...(q !== '' ? { q } : {}),
    sort,
    dir: params.get('dir') === 'asc' ? 'asc' : 'desc',
    page: pageNumber(params.get('page')),
  };
}

function matches(entry: RunEntry, query: RunsQuery): boolean {
  const r = entry.record;
  if (query.status !== undefined && r?.status !== query.status) return false;
  if (query.q === undefined) return true;
  const needle = query.q.toLowerCase();
  const hay = [
    entry.id,
    r?.name ?? '',
    ...Object.entries(r?.labels ?? {}).map(([k, v]) => `${k}=${v}`),
  ];
  return hay.some((h) => h.toLowerCase().includes(needle));
}

function sortKey(entry: RunEntry, sort: Sort): string | number {
  const r = entry.record;
  if (sort === 'name') return r?.name ?? '';
  if (sort === 'status') return r?.status ?? '';
  if (sort === 'duration') return durationMs(r?.startedAt, r?.endedAt) ?? -1;
  return entry.id;
}

/** The runs matching a query, sorted, and the slice of its page. */
export function selectRuns(
  entries: readonly RunEntry[],
  query: RunsQuery,
): { total: number; rows: RunEntry[]; pages: number } {
  const found = entries.filter((e) => matches(e, query));
  if (query.sort !== 'started' || query.dir === 'asc') {
    const sign = query.dir === 'asc' ? 1 : -1;
    found.sort((a, b) => {
      const x = sortKey(a, query.sort);
      const y = sortKey(b, query.sort);
      return (x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * sign;
    });
  }
  const pages = Math.ceil(found.length / RUNS_PAGE_SIZE);
  const start = (query.page - 1) * RUNS_PAGE_SIZE;
  return { total: found.length, rows: found.slice(start, start + RUNS_PAGE_SIZE), pages };
}

/** Whether the query lists every run newest first (the page then reads one end of the index). */
function isDefaultOrder(query: RunsQuery): boolean {
  return (
    query.status === undefined &&
    query.q === undefined &&
    query.sort === 'started' &&
    query.dir === 'desc'
  );
}

/** One page of every run, newest first, read from the end of the listing index only. */
async function newestPage(
  view: StoreView,
  page: number,
): Promise<{ total: number; rows: RunEntry[]; pages: number }> {
  const { rows, total } = await view.newestRuns(page * RUNS_PAGE_SIZE);
  return {
    total,
    rows: rows.slice((page - 1) * RUNS_PAGE_SIZE),
    pages: Math.ceil(total / RUNS_PAGE_SIZE),
  };
}

/** The runs list: filters, sortable columns, pages, and boxes to pick runs to compare. */
export async function runsPage(view: StoreView, params: URLSearchParams): Promise<SafeHtml> {
  const query = runsQuery(params);
  const selected = isDefaultOrder(query)
    ? await newestPage(view, query.page)
    : selectRuns(await view.listRuns(), query);
  const { total, pages } = selected;
  // The index picked the page; what it shows is the records (a run changed since is re-checked).
  const rows = (await view.verifyRuns(selected.rows)).filter(
    (e) => e.record === undefined || matches(e, query),
  );
  const base = { status: query.status, q: query.q };
  const column = (sort: Sort, label: string): SafeHtml => {
    const active = query.sort === sort;
    const dir = active && query.dir === 'desc' ? 'asc' : 'desc';
    const mark = active ? (query.dir === 'desc' ? ' ▼' : ' ▲') : '';
    const aria = active ? (query.dir === 'desc' ? 'descending' : 'ascending') : 'none';
    return html`<th scope="col" aria-sort="${aria}">
      <a href="${href('/runs', { ...base, sort, dir })}">${label}${mark}</a>
    </th>`;
  };
  const row = (e: RunEntry): SafeHtml => {
    const r: RunRecord | undefined = e.record;
    if (r === undefined)
      return html`<tr>
        <td></td>
        <td>${runLink(e.id)}</td>
        <td colspan="6">
          <span class="status status-error">unreadable</span> ${
            e.error instanceof Error ? e.error.message : ''
          }
        </td>
      </tr>`;
    return html`<tr>
      <td>
        <input
          type="checkbox"
          name="run"
          value="${r.id}"
          aria-label="compare ${r.name} ${r.id}"
          form="compare-form"
        />
      </td>
      <td>${runLink(r.id, r.name)}<br /><code class="muted">${r.id}</code></td>
      <td>${statusBadge(r.status)}</td>
      <td>${labelList(r.labels)}</td>
      <td>${formatTime(r.startedAt)}</td>
      <td class="num">${formatDuration(r.startedAt, r.endedAt)}</td>
      <td>${r.runner?.host ?? ''}</td>
    </tr>`;
  };
  return html`<form class="filters" method="get" action="/runs" role="search">
      <label for="search"
        >Search name, id or label<input
          id="search"
          name="q"
          type="search"
          value="${query.q ?? ''}"
          placeholder="press / to search"
      /></label>
      <label for="status"
        >Status<select id="status" name="status">
          <option value="">any</option>
          ${STATUSES.map(
            (s) =>
              html`<option value="${s}" ${query.status === s ? html` selected` : ''}>${s}</option>`,
          )}
        </select></label
      >
      <button type="submit">Filter</button>
    </form>
    <form id="compare-form" method="get" action="/compare">
      <button id="compare-button" type="submit">Compare selected</button>
      <span class="muted">tick 2 to 10 runs</span>
    </form>
    ${
      rows.length === 0
        ? html`<p>No runs match.</p>`
        : html`<table class="runs">
            <thead>
              <tr>
                <th scope="col"><span class="muted">pick</span></th>
                ${column('name', 'Name')}${column('status', 'Status')}
                <th scope="col">Labels</th>
                ${column('started', 'Started')}${column('duration', 'Duration')}
                <th scope="col">Host</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(row)}
            </tbody>
          </table>`
    }
    ${pager('/runs', { ...base, sort: query.sort === 'started' ? undefined : query.sort, dir: query.dir === 'desc' ? undefined : query.dir }, query.page, pages, total)}`;
}
