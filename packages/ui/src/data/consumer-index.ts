import { parseDataUri, type RunRecord } from '@stowage/core';
import { mapLimit } from '@stowage/core/internal';
import { inputRefs, type InputRef, type RunEntry, type StoreView } from './store-view';

/** A run that read an artifact key, and how it named it. */
export interface Consumer {
  readonly run: RunRecord;
  readonly ref: InputRef;
  /** The run named this exact version (not a tag or the key alone). */
  readonly exact: boolean;
}

/** Run records read at once while checking a key's readers. */
const READ_CONCURRENCY = 16;

/** The artifact key a `store://` URI names, or `undefined` (not an artifact reference). */
function keyOf(uri: string): string | undefined {
  try {
    const parsed = parseDataUri(uri);
    return 'key' in parsed ? parsed.key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which runs read which keys, from the listing index of runs (it keeps each run's `store://`
 * inputs), checked against the run records.
 *
 * @remarks
 * The index only picks the candidates: each candidate's record is read (once for the life of
 * this object) and its inputs parsed again, and a run whose record does not name the key (or
 * cannot be read) is left out — what a page shows comes from the records, never from the index.
 * On a store of 10,000 runs this reads the index (a few files) and the readers' records, not
 * 10,000 records.
 */
export class ConsumerIndex {
  private byKey: Promise<Map<string, string[]>> | undefined;
  private readonly records = new Map<string, Promise<RunEntry | undefined>>();

  constructor(private readonly view: StoreView) {}

  /** Runs whose inputs name `key` at `version`, or by tag / key only (`exact` false), newest first. */
  async consumers(key: string, version: string): Promise<Consumer[]> {
    this.byKey ??= this.build();
    const ids = (await this.byKey).get(key) ?? [];
    const entries = await mapLimit(ids, READ_CONCURRENCY, (id) => this.record(id));
    const found: Consumer[] = [];
    for (const entry of entries) {
      const run = entry?.record;
      if (run === undefined) continue;
      for (const ref of inputRefs(run)) {
        if (ref.key !== key) continue;
        if (ref.version !== undefined && ref.version !== version) continue;
        found.push({ run, ref, exact: ref.version === version });
      }
    }
    return found;
  }

  private record(id: string): Promise<RunEntry | undefined> {
    let read = this.records.get(id);
    if (read === undefined) {
      read = this.view.readRun(id);
      this.records.set(id, read);
    }
    return read;
  }

  /** Key → ids of the runs whose indexed inputs name it (newest run first). */
  private async build(): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    const keys = new Map<string, string | undefined>();
    for (const entry of await this.view.listRuns()) {
      for (const uri of entry.inputUris ?? []) {
        let key = keys.get(uri);
        if (!keys.has(uri)) {
          key = keyOf(uri);
          keys.set(uri, key);
        }
        if (key === undefined) continue;
        const list = map.get(key);
        if (list === undefined) map.set(key, [entry.id]);
        else if (list[list.length - 1] !== entry.id) list.push(entry.id);
      }
    }
    return map;
  }
}
