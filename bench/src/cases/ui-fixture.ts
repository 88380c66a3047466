import { Artifact, type Store } from '@stowage/core';
import {
  ArtifactLayout,
  artifactIndex,
  mapLimit,
  runIndex,
  runRecordPath,
  RUN_SCHEMA_VERSION,
  serializeArtifactRecord,
  serializeRunRecord,
} from '@stowage/core/internal';
import type { RunRecord } from '@stowage/core';

/** Size of the big store of issue 17 (full run). */
export const UI_FIXTURE = { runs: 10_000, versions: 50_000, versionsPerKey: 10 } as const;

/**
 * Bumped when the fixture's content changes (cached fixtures of another version are rebuilt).
 * 3: the index entries carry their records' MD5.
 */
export const UI_FIXTURE_VERSION = 3;

const MARKER = 'bench-fixture.json';

/** How long building took, in ms, by part. */
export interface FixtureTimes {
  readonly recordsMs: number;
  readonly runIndexRebuildMs: number;
  readonly artifactIndexRebuildMs: number;
}

/** The fixture's marker when `store` already holds it (same version and size), else `undefined`. */
export async function fixtureReady(
  store: Store,
  size: { runs: number; versions: number },
): Promise<FixtureTimes | undefined> {
  try {
    const marker = JSON.parse((await store.get(MARKER)).toString('utf8')) as {
      version?: unknown;
      runs?: unknown;
      versions?: unknown;
      times?: FixtureTimes;
    };
    if (
      marker.version === UI_FIXTURE_VERSION &&
      marker.runs === size.runs &&
      marker.versions === size.versions
    ) {
      // An index this code cannot read (written by an older format) is rebuilt here, not timed.
      await runIndex(store).read();
      await artifactIndex(store).read();
      return marker.times;
    }
  } catch {
    // No marker: build it.
  }
  return undefined;
}

/** The fixture's artifact key number `k`. */
export function datasetKey(k: number): string {
  return `dataset-${k.toString().padStart(5, '0')}`;
}

/**
 * Writes `runs` run records and `versions` artifact versions (records and `latest` pointers,
 * no bytes: listing never reads them) straight through the store API, then builds both listing
 * indexes from the records (what the UI does when the index is missing) and times that.
 */
export async function buildUiFixture(
  store: Store,
  size: { runs: number; versions: number },
  log: (message: string) => void,
): Promise<FixtureTimes> {
  const start = Date.now();
  const base = Date.UTC(2026, 0, 1);
  const runIds = Array.from({ length: size.runs }, (_, i) => {
    const t = new Date(base + i * 60_000).toISOString().replace(/[-:.]/g, '');
    return `${t.slice(0, 15)}${t.slice(15, 18)}Z-r${i.toString(36).padStart(9, '0')}`;
  });
  const keys = Math.max(1, Math.floor(size.versions / UI_FIXTURE.versionsPerKey));
  await mapLimit(Array.from(runIds.keys()), 64, async (i) => {
    const id = runIds[i] as string;
    const started = new Date(base + i * 60_000);
    // Each run reads one key (by name); every 100th also reads `dataset-00001`, the popular one.
    const inputs: Record<string, string> = { dataset: `store://${datasetKey(i % keys)}` };
    if (i % 100 === 0) inputs.reference = `store://${datasetKey(1 % keys)}:latest`;
    const record = {
      schemaVersion: RUN_SCHEMA_VERSION,
      id,
      name: `train-${i % 37}`,
      labels: { team: `t${i % 5}`, env: i % 2 === 0 ? 'dev' : 'prod' },
      params: { lr: 0.001 * (i % 10), epochs: i % 50 },
      inputs,
      results: { accuracy: (i % 100) / 100 },
      artifacts: [],
      status: i % 23 === 0 ? 'error' : 'completed',
      startedAt: started.toISOString(),
      endedAt: new Date(started.getTime() + 1000 + (i % 600) * 1000).toISOString(),
      runner: { host: `host-${i % 4}`, pid: 1000 + i },
    } as unknown as RunRecord;
    await store.put(runRecordPath(id), serializeRunRecord(record));
  });
  log(`ui fixture: ${size.runs} run records written`);
  const versions = Array.from({ length: size.versions }, (_, i) => i);
  await mapLimit(versions, 64, async (i) => {
    const k = i % keys;
    const n = Math.floor(i / keys);
    const created = new Date(base + n * 86_400_000 + k * 1000);
    const t = created.toISOString().replace(/[-:.]/g, '');
    const version = `${t.slice(0, 15)}${t.slice(15, 18)}Z-v${i.toString(36).padStart(9, '0')}`;
    const key = datasetKey(k);
    const artifact = new Artifact({ key });
    Object.assign(artifact, {
      version,
      uri: `store://${key}@${version}`,
      fileName: 'data.json',
      size: 1000 + i,
      sha256: '0'.repeat(64),
      createdAt: created.toISOString(),
      producer: { runId: runIds[i % runIds.length] ?? 'none', name: 'train' },
    });
    await store.put(ArtifactLayout.record(key, version), serializeArtifactRecord(artifact));
    if (n === Math.floor((size.versions - 1 - k) / keys))
      await store.put(ArtifactLayout.tag(key, 'latest'), Buffer.from(JSON.stringify({ version })));
  });
  const recordsMs = Date.now() - start;
  log(`ui fixture: ${size.versions} artifact versions written (${recordsMs} ms in all)`);
  let t = Date.now();
  await runIndex(store).read();
  const runIndexRebuildMs = Date.now() - t;
  t = Date.now();
  await artifactIndex(store).read();
  const artifactIndexRebuildMs = Date.now() - t;
  log(
    `ui fixture: indexes rebuilt (runs ${runIndexRebuildMs} ms, artifacts ${artifactIndexRebuildMs} ms)`,
  );
  const times = { recordsMs, runIndexRebuildMs, artifactIndexRebuildMs };
  await store.put(
    MARKER,
    Buffer.from(JSON.stringify({ version: UI_FIXTURE_VERSION, ...size, times })),
  );
  return times;
}
