import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore, type Store } from '@stowage/core';
import { S3Store, ensureBucket } from '@stowage/s3';
import type { BenchCase } from '../bench-case';
import { runChild } from './child-run';
import { summarize, type Stats } from '../harness';
import { s3Connection, s3Endpoint } from '../subjects/stowage';
import { buildUiFixture, fixtureReady, UI_FIXTURE, UI_FIXTURE_VERSION } from './ui-fixture';
import type { UiListChildResult } from './ui-list-page.child';

/** The first page of each list the UI serves: the default order, then filtered and sorted. */
const LISTS = [
  '/runs',
  '/artifacts',
  '/runs?status=error',
  '/runs?q=train-3',
  '/runs?sort=name',
  '/artifacts?q=dataset-0004',
  '/artifacts?kind=artifact',
] as const;

/** Pages that are not lists, reported beside them (no target): a popular key and its lineage. */
const OTHER_PAGES = ['/artifact?key=dataset-00001', '/lineage?key=dataset-00001'] as const;

/** Runs one cold child: a new process and server that GETs `path` once. */
async function coldGet(spec: string, path: string): Promise<UiListChildResult> {
  const result = await runChild<UiListChildResult>('ui-list-page.child.js', [spec, path]);
  if (result.status !== 200) throw new Error(`ui child for ${path} answered HTTP ${result.status}`);
  return result;
}

/** Measures every list cold on one store; returns per-repetition slowest list and notes. */
async function measure(
  spec: string,
  label: string,
  reps: number,
): Promise<{ worst: number[]; notes: string[] }> {
  const per: Record<string, number[]> = {};
  const worst: number[] = [];
  let startMs = 0;
  let rows = '';
  for (let i = 0; i < reps; i++) {
    let slowest = 0;
    for (const path of [...LISTS, ...OTHER_PAGES]) {
      const r = await coldGet(spec, path);
      (per[path] ??= []).push(r.ms);
      if ((LISTS as readonly string[]).includes(path)) slowest = Math.max(slowest, r.ms);
      startMs = Math.max(startMs, r.startMs);
      if (i === 0) rows += ` ${path} ${r.rows} rows;`;
    }
    worst.push(slowest);
  }
  const fmt = (s: Stats): string =>
    `median ${s.median.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)})`;
  return {
    worst,
    notes: [
      ...[...LISTS, ...OTHER_PAGES].map(
        (p) =>
          `${label} ${p}${(LISTS as readonly string[]).includes(p) ? ' first page' : ' (not a list; no target)'}, cold: ${fmt(summarize(per[p] ?? [0], 'ms'))}`,
      ),
      `${label}: server up in ≤ ${startMs.toFixed(0)} ms after the child started (not counted);${rows}`,
    ],
  };
}

async function localFixture(
  size: { runs: number; versions: number },
  log: (m: string) => void,
): Promise<{ root: string; notes: string[] }> {
  const root = join(
    tmpdir(),
    `stowage-bench-ui-fixture-v${UI_FIXTURE_VERSION}-${size.runs}-${size.versions}`,
  );
  await mkdir(root, { recursive: true });
  const store = new LocalStore({ root });
  let times = await fixtureReady(store, size);
  const cached = times !== undefined;
  times ??= await buildUiFixture(store, size, log);
  return {
    root,
    notes: [
      `local fixture ${cached ? 'reused from' : 'built in'} ${root}: records written in ${times.recordsMs} ms; index rebuilt from the records (the cost when it is missing, about what every cold first page cost before the index) runs ${times.runIndexRebuildMs} ms, artifacts ${times.artifactIndexRebuildMs} ms`,
    ],
  };
}

/**
 * `ui_list_page_ms`: the first page of the runs list and of the artifacts list of `stowage ui`,
 * each fetched over HTTP from a new process and a new server (no cache), on a store of 10,000
 * runs and 50,000 artifact versions. The figure is the slowest list per repetition; filters and
 * sorts count (they read the whole index), the artifact and lineage pages are reported beside it.
 * The local fixture is cached under the temp dir (kept between bench runs); the S3 one is built in
 * a fresh bucket and left for the next run (named by fixture version and size).
 */
export const uiListPageMs: BenchCase = {
  id: 'ui_list_page_ms',
  title:
    'first page of the UI runs and artifacts lists (default, filtered, sorted), cold, on 10,000 runs / 50,000 versions',
  target: { on: 'stowage', op: '<=', value: 300 },
  async run(ctx) {
    const size = {
      runs: Math.round(UI_FIXTURE.runs * ctx.scale),
      versions: Math.round(UI_FIXTURE.versions * ctx.scale),
    };
    const reps = ctx.plan.reps;
    const local = await localFixture(size, (m) => ctx.log(m));
    const localRun = await measure(local.root, 'local', reps);
    const notes = [...local.notes, ...localRun.notes];
    let worst = localRun.worst;
    const endpoint = await s3Endpoint();
    if (typeof endpoint !== 'string') {
      notes.push(`S3 not measured: ${endpoint.missing}`);
    } else {
      const connection = {
        ...s3Connection(endpoint),
        bucket: `stowage-bench-ui-v${UI_FIXTURE_VERSION}-${size.runs}-${size.versions}`,
      };
      await ensureBucket(connection);
      const store: Store = new S3Store(connection);
      try {
        let times = await fixtureReady(store, size);
        const cached = times !== undefined;
        times ??= await buildUiFixture(store, size, (m) => ctx.log(m));
        notes.push(
          `S3 fixture ${cached ? 'reused from' : 'built in'} bucket ${connection.bucket} at ${endpoint}: records ${times.recordsMs} ms; index rebuilt from the records: runs ${times.runIndexRebuildMs} ms, artifacts ${times.artifactIndexRebuildMs} ms`,
        );
      } finally {
        await store.close?.();
      }
      const s3Run = await measure(`s3://${connection.bucket}`, 'S3', reps);
      notes.push(...s3Run.notes);
      worst = worst.map((ms, i) => Math.max(ms, s3Run.worst[i] ?? 0));
    }
    return {
      stowage: summarize(worst, 'ms'),
      notes: [
        'figure: per repetition, the slowest list, default or filtered (and of local and S3 when S3 is measured)',
        ...notes,
      ],
    };
  },
};
