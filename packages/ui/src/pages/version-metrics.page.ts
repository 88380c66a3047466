import type { Artifact } from '@stowage/core';
import { mapLimit } from '@stowage/core/internal';
import type { StoreView } from '../data/store-view';
import { formatTime } from '../html/format';
import { href, html, type SafeHtml } from '../html/html';
import { metricPicker, metricSection } from './metric-chart';
import { artifactLink } from './page-parts';

/** One version on the chart: its record (when readable) and its numbers. */
interface VersionRow {
  readonly version: string;
  readonly artifact?: Artifact;
  readonly numbers: Readonly<Record<string, number>>;
}

/** How many of a key's newest versions the metrics page reads and charts. */
export const METRIC_VERSIONS_MAX = 50;

/**
 * The numbers recorded for one artifact version: a model's `metrics`, numeric top-level
 * `extraData` (`extra.<name>`) and the numeric results of the run that made it (`run.<name>`).
 */
export function versionNumbers(
  artifact: Artifact,
  runResults: Readonly<Record<string, unknown>> = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  const take = (prefix: string, values: unknown): void => {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return;
    for (const [name, v] of Object.entries(values as Record<string, unknown>))
      if (typeof v === 'number' && Number.isFinite(v)) out[`${prefix}${name}`] = v;
  };
  take('', (artifact as { metrics?: unknown }).metrics);
  take('extra.', artifact.extraData);
  take('run.', runResults);
  return out;
}

/**
 * A chart of one number across the versions of an artifact key (oldest to newest, the newest
 * {@link METRIC_VERSIONS_MAX}): a model's metrics, numeric extra data, or the results of the run
 * that made each version.
 */
export async function versionMetricsPage(
  view: StoreView,
  key: string,
  metric: string | undefined,
): Promise<{ title: string; body: SafeHtml }> {
  const { versions } = await view.keyInfo(key);
  const shown = versions.slice(0, METRIC_VERSIONS_MAX).reverse();
  const runResults = new Map<string, Promise<Readonly<Record<string, unknown>>>>();
  const rows = await mapLimit(shown, 8, async (version): Promise<VersionRow> => {
    const artifact = await view.artifacts.read(key, { version }).catch(() => undefined);
    if (artifact === undefined) return { version, numbers: {} };
    const runId = artifact.producer?.runId;
    let results: Readonly<Record<string, unknown>> = {};
    if (runId !== undefined) {
      if (!runResults.has(runId))
        runResults.set(
          runId,
          view.runs.read(runId).then(
            (r) => r.results,
            () => ({}),
          ),
        );
      results = (await runResults.get(runId)) ?? {};
    }
    return { version, artifact, numbers: versionNumbers(artifact, results) };
  });
  const metrics = [...new Set(rows.flatMap((r) => Object.keys(r.numbers)))].sort((a, b) => {
    // A model's own metrics first, then extra data, then run results.
    const rank = (m: string): number => (m.startsWith('run.') ? 2 : m.startsWith('extra.') ? 1 : 0);
    return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  });
  const chosen = metric !== undefined && metrics.includes(metric) ? metric : (metrics[0] ?? '');
  const title = `Metrics of ${key} over its versions`;
  const intro = html`<p>
    ${artifactLink(key, undefined, key)}: ${shown.length} of ${versions.length} versions, oldest to
    newest${versions.length > shown.length ? html` (the newest ${METRIC_VERSIONS_MAX}; older ones are not read)` : ''}.
    Names without a prefix are the model's metrics; <code>extra.</code> is the version's extra data,
    <code>run.</code> a result of the run that made it.
  </p>`;
  if (metrics.length === 0)
    return {
      title,
      body: html`${intro}
        <p class="muted">
          No version records a number (model metrics, numeric extra data or run results).
        </p>`,
    };
  return {
    title,
    body: html`${intro} ${metricPicker('/metrics', { key }, metrics, chosen)}
    ${metricSection({
      metric: chosen,
      noun: 'versions',
      xTitle: 'version (oldest to newest)',
      points: rows.map((r, i) => ({
        label: `#${i + 1} ${formatTime(r.artifact?.createdAt).slice(5, 16)}`,
        name: `version ${r.version}`,
        value: r.numbers[chosen],
        href: href('/artifact', { key, version: r.version }),
      })),
    })}`,
  };
}
