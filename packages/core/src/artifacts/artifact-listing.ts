import type { Store } from '../stores/store';
import type { Artifact } from './artifact';
import { ArtifactLayout } from './artifact-layout';

/** Which artifacts {@link StoreArtifactRepository.list} returns. */
export interface ArtifactFilter {
  /** Only this key. */
  readonly key?: string;
  /** Only the version this tag points at (per key), e.g. `latest`. */
  readonly tag?: string;
  /** Only artifacts carrying all these labels. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Only this kind (`model`, `dataset`, …). */
  readonly kind?: string;
}

/** Every key with at least one committed version, sorted. */
export async function listArtifactKeys(store: Store): Promise<string[]> {
  const keys = new Set<string>();
  for await (const { path } of store.list(ArtifactLayout.root)) {
    const parts = path.split('/');
    if (parts.length === 4 && parts[2] === 'records' && parts[3]?.endsWith('.json'))
      keys.add(parts[1] as string);
  }
  return [...keys].sort();
}

/**
 * The committed versions of `key`, oldest first; with `after`, only those newer than it.
 *
 * @remarks
 * `after` is passed to the store as a `startAfter` hint (one short LIST on S3), and filtered here
 * too, since a store may ignore the hint.
 */
export async function listArtifactVersions(
  store: Store,
  key: string,
  after?: string,
): Promise<string[]> {
  const versions: string[] = [];
  const prefix = ArtifactLayout.recordPrefix(key);
  const options = after === undefined ? {} : { startAfter: ArtifactLayout.record(key, after) };
  for await (const { path } of store.list(prefix, options)) {
    const name = path.slice(prefix.length);
    if (!name.includes('/') && name.endsWith('.json')) {
      const version = name.slice(0, -'.json'.length);
      if (after === undefined || version > after) versions.push(version);
    }
  }
  return versions.sort();
}

/** Whether an artifact matches the label and kind parts of a filter. */
export function matchesFilter(artifact: Artifact, filter: ArtifactFilter): boolean {
  if (filter.kind !== undefined && artifact.kind !== filter.kind) return false;
  return Object.entries(filter.labels ?? {}).every(([k, v]) => artifact.labels[k] === v);
}

/** Runs `work` over `items` with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
