import { NotFoundError } from '../errors/not-found.error';
import { StoreError } from '../errors/store.error';
import type { Store } from '../stores/store';
import { ArtifactLayout } from './artifact-layout';

/** The object at the root of a store that names its layout's format version. */
export const STORE_FORMAT_PATH = 'stowage-store.json';

/**
 * The store layout version this code writes and the newest it reads.
 *
 * @remarks
 * 1: every file in its version folder, no marker (Stowage before format versions).
 * 2: `stowage-store.json` says `{"format": 2}`; files of at least `DEDUP_MIN_BYTES` are stored
 * once per content under `blobs/sha256/` and records list them in `blobFiles`. A format-2 store
 * also holds format-1 versions (small files, or versions written before a migration).
 */
export const STORE_FORMAT_VERSION = 2;

/** What the marker of a store says. */
export interface StoreFormatMarker {
  readonly format: number;
  readonly [field: string]: unknown;
}

/**
 * The error for a store or record written by a newer Stowage.
 *
 * @param what - What was found and where, e.g. `The store s3://b/p`.
 */
export function formatTooNew(
  what: string,
  store: string,
  path: string,
  found: number,
  newest: number,
): StoreError {
  return new StoreError(
    `${what} has format ${found}; this Stowage reads up to ${newest}, so it was not read.`,
    {
      code: 'STORE_FORMAT_TOO_NEW',
      details: { store, path, found, newest },
      fix: 'Upgrade Stowage (npm install @stowage/core@latest and the other @stowage packages) to read it; nothing was changed.',
    },
  );
}

function invalidMarker(store: Store, why: string, cause?: unknown): StoreError {
  return new StoreError(`The format marker ${STORE_FORMAT_PATH} of ${store.url} ${why}.`, {
    code: 'STORE_FORMAT_INVALID',
    details: { store: store.url, path: STORE_FORMAT_PATH, reason: why },
    fix: `Restore ${STORE_FORMAT_PATH} from a backup, or delete it and run \`stowage migrate\` to write it again.`,
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Reads a store's marker: its format, or `undefined` when it has none (format 1 or a new store).
 *
 * @throws StoreError `STORE_FORMAT_TOO_NEW` for a format this code does not read,
 * `STORE_FORMAT_INVALID` for a damaged marker.
 */
export async function readFormatMarker(store: Store): Promise<StoreFormatMarker | undefined> {
  let bytes: Buffer;
  try {
    bytes = await store.get(STORE_FORMAT_PATH);
  } catch (error) {
    if (NotFoundError.is(error)) return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw invalidMarker(store, 'is not JSON', error);
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (
    typeof json !== 'object' ||
    json === null ||
    !Number.isInteger(format) ||
    (format as number) < 1
  )
    throw invalidMarker(store, 'has no "format" version');
  if ((format as number) > STORE_FORMAT_VERSION)
    throw formatTooNew(
      `The store ${store.url}`,
      store.url,
      STORE_FORMAT_PATH,
      format as number,
      STORE_FORMAT_VERSION,
    );
  return json as StoreFormatMarker;
}

/** Whether the store holds no artifact yet (nothing under `artifacts/`). */
async function hasNoArtifacts(store: Store): Promise<boolean> {
  for await (const _ of store.list(ArtifactLayout.root)) {
    void _;
    return false;
  }
  return true;
}

/** Writes the marker of a format-2 store. */
export async function writeFormatMarker(
  store: Store,
  extra: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  const marker = { format: STORE_FORMAT_VERSION, ...extra };
  await store.put(STORE_FORMAT_PATH, Buffer.from(`${JSON.stringify(marker, null, 2)}\n`));
  knownFormats.set(store, Promise.resolve(STORE_FORMAT_VERSION));
  writeFormats.set(store, Promise.resolve(STORE_FORMAT_VERSION));
}

const knownFormats = new WeakMap<Store, Promise<number>>();
const writeFormats = new WeakMap<Store, Promise<number>>();

function cached(
  map: WeakMap<Store, Promise<number>>,
  store: Store,
  make: () => Promise<number>,
): Promise<number> {
  let found = map.get(store);
  if (found === undefined) {
    found = make();
    map.set(store, found);
    // A failure (a network error, a damaged marker) is not remembered: the next call asks again.
    found.catch(() => {
      if (map.get(store) === found) map.delete(store);
    });
  }
  return found;
}

/**
 * The format of a store, read once per store object (a store without marker is format 1).
 *
 * @throws StoreError `STORE_FORMAT_TOO_NEW` when a newer Stowage wrote the store; nothing in it
 * is read then. `STORE_FORMAT_INVALID` for a damaged marker.
 */
export function storeFormat(store: Store): Promise<number> {
  // A writer on this store object read the marker already.
  const written = writeFormats.get(store);
  if (written !== undefined) return written;
  return cached(knownFormats, store, async () => (await readFormatMarker(store))?.format ?? 1);
}

/**
 * The format a writer uses on this store, decided once per store object.
 *
 * @remarks
 * A store with a marker keeps its format. A store without marker and without artifacts is new:
 * it gets the format-2 marker now (on the first write). A store without marker that holds
 * artifacts is format 1 and stays so (an older Stowage may still use it) until
 * `stowage migrate` upgrades it.
 * @throws StoreError `STORE_FORMAT_TOO_NEW`, `STORE_FORMAT_INVALID` as {@link storeFormat}.
 */
export function storeFormatForWrite(store: Store): Promise<number> {
  return cached(writeFormats, store, async () => {
    const marker = await readFormatMarker(store);
    if (marker !== undefined) return marker.format;
    if (!(await hasNoArtifacts(store))) return 1;
    await writeFormatMarker(store, { createdAt: new Date().toISOString() });
    return STORE_FORMAT_VERSION;
  });
}

/** Forgets what was read of a store's format (after a migration by another handle, in tests). */
export function forgetStoreFormat(store: Store): void {
  knownFormats.delete(store);
  writeFormats.delete(store);
}
