import type { RunRecord } from '@stowage/core';
import { describeRecordedError } from '../errors/recorded-error';
import type { TerminalStyle } from './terminal';
import { cellLimit } from './terminal';
import { formatDuration, formatLabels, formatTime, formatValue } from './format';
import { renderFields, renderTable } from './table';

/** Milliseconds between a run's start and end, when it has ended. */
export function runDuration(run: RunRecord): number | undefined {
  return run.endedAt === undefined
    ? undefined
    : Date.parse(run.endedAt) - Date.parse(run.startedAt);
}

/** The table of `stowage runs`. */
export function renderRunList(
  runs: readonly RunRecord[],
  style: TerminalStyle,
  queued: readonly QueuedRunRow[] = [],
): string {
  if (runs.length === 0 && queued.length === 0) return 'No runs match.\n';
  type Row = { readonly run: RunRecord } | { readonly queued: QueuedRunRow };
  const rows: Row[] = [...queued.map((q) => ({ queued: q })), ...runs.map((run) => ({ run }))];
  // Queued runs (and runs taken by queue workers) get a WORKER column.
  const workers = queued.length > 0 || runs.some((r) => r.labels[WORKER_LABEL] !== undefined);
  return renderTable(
    rows,
    [
      { header: 'ID', value: (r) => ('run' in r ? r.run.id : r.queued.runId) },
      { header: 'NAME', value: (r) => ('run' in r ? r.run.name : r.queued.name), shrink: true },
      { header: 'STATUS', value: (r) => ('run' in r ? r.run.status : queuedStatus(r.queued)) },
      {
        header: 'STARTED',
        value: (r) =>
          'run' in r
            ? formatTime(r.run.startedAt)
            : r.queued.startedAt === undefined
              ? ''
              : formatTime(r.queued.startedAt.toISOString()),
      },
      {
        header: 'DURATION',
        value: (r) => ('run' in r ? formatDuration(runDuration(r.run)) : ''),
        right: true,
      },
      {
        header: 'RESULTS',
        value: (r) => ('run' in r ? scalarResults(r.run, style) : ''),
        shrink: true,
      },
      {
        header: 'ARTIFACTS',
        value: (r) => ('run' in r ? String(r.run.artifacts.length) : ''),
        right: true,
      },
      ...(workers
        ? [
            {
              header: 'WORKER',
              value: (r: Row) =>
                'run' in r ? (r.run.labels[WORKER_LABEL] ?? '') : (r.queued.workerId ?? ''),
            },
          ]
        : []),
    ],
    style,
  );
}

/** The run-record label where a queue worker writes its id (see `@stowage/bullmq`). */
const WORKER_LABEL = 'queue.worker';

/**
 * A run on a queue that has not ended (`stowage runs --queue`): waiting for a worker, or running
 * on one (a queue worker writes the run record when the run ends).
 */
export interface QueuedRunRow {
  readonly runId: string;
  readonly name: string;
  readonly state: 'waiting' | 'delayed' | 'waiting-children' | 'running';
  readonly attemptsMade: number;
  readonly workerId?: string;
  readonly startedAt?: Date;
}

function queuedStatus(q: QueuedRunRow): string {
  if (q.state === 'running')
    return q.attemptsMade > 0 ? `running (try ${q.attemptsMade + 1})` : 'running';
  if (q.state === 'waiting-children') return 'queued (waits for its inputs)';
  if (q.state === 'delayed') return `queued (retry after ${q.attemptsMade} tries)`;
  return 'queued';
}

/**
 * The run's scalar results as `k=v …`, cut at 60 characters unless `--wide` (objects are left to
 * `runs show`).
 */
function scalarResults(run: RunRecord, style: TerminalStyle): string {
  const text = Object.entries(run.results)
    .filter(([, v]) => v === null || typeof v !== 'object')
    .map(([k, v]) => `${k}=${formatValue(v, cellLimit(style, 12))}`)
    .join(' ');
  return text.length > cellLimit(style, 60) ? `${text.slice(0, 59)}…` : text;
}

/** The full view of one run (`stowage runs show`, `stowage run`). */
export function renderRun(run: RunRecord, style: TerminalStyle): string {
  const parts = [
    renderFields([
      ['run', run.id],
      ['name', run.name],
      ['status', run.status],
      ['started', formatTime(run.startedAt)],
      ['duration', run.endedAt === undefined ? undefined : formatDuration(runDuration(run))],
      ['labels', Object.keys(run.labels).length === 0 ? undefined : formatLabels(run.labels)],
      [
        'error',
        run.error === undefined
          ? undefined
          : `${run.error.code ?? run.error.name}: ${run.error.message.split('\n')[0] ?? ''}`,
      ],
    ]),
  ];
  const section = (
    title: string,
    record: Readonly<Record<string, unknown>>,
    shrink: boolean,
  ): void => {
    const rows = Object.entries(record);
    if (rows.length === 0) return;
    parts.push(
      `\n${title}\n`,
      renderTable(
        rows,
        [
          { header: 'KEY', value: ([k]) => k },
          { header: 'VALUE', value: ([, v]) => formatValue(v, cellLimit(style, 200)), shrink },
        ],
        style,
      ),
    );
  };
  if (run.error !== undefined && (run.error.fix !== undefined || run.error.cause !== undefined)) {
    parts.push(`\nError\n${describeRecordedError(run.error)}\n`);
  }
  // Inputs are URIs a user copies: never cut.
  section('Params', run.params, true);
  section('Inputs', run.inputs, false);
  section('Results', run.results, true);
  if (run.failedOutputs !== undefined && run.failedOutputs.length > 0) {
    parts.push(
      '\nOutputs not logged\n',
      renderTable(
        run.failedOutputs,
        [
          { header: 'KEY', value: (f) => f.key },
          {
            header: 'ERROR',
            value: (f) =>
              `${f.error.code ?? f.error.name}: ${f.error.message.split('\n')[0] ?? ''}`,
            shrink: true,
          },
        ],
        style,
      ),
    );
  }
  if (run.artifacts.length > 0) {
    parts.push(
      '\nArtifacts\n',
      renderTable(
        run.artifacts,
        [
          { header: 'KEY', value: (a) => a.key },
          { header: 'KIND', value: (a) => a.kind, shrink: true },
          { header: 'URI', value: (a) => a.uri },
        ],
        style,
      ),
    );
  }
  return parts.join('');
}
