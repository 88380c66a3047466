import type { RunRecord } from '@stowage/core';
import { inputRefs, type InputRef, type StoreView } from './store-view';

/** A run that read an artifact key, and how it named it. */
export interface Consumer {
  readonly run: RunRecord;
  readonly ref: InputRef;
  /** The run named this exact version (not a tag or the key alone). */
  readonly exact: boolean;
}

/** Each run record's artifact inputs, parsed once for the life of the record object. */
const refsOf = new WeakMap<RunRecord, readonly InputRef[]>();

function cachedRefs(run: RunRecord): readonly InputRef[] {
  let refs = refsOf.get(run);
  if (refs === undefined) {
    refs = inputRefs(run).filter((r) => r.key !== undefined);
    refsOf.set(run, refs);
  }
  return refs;
}

/**
 * Which runs read which keys, built from one pass over the run records (`StoreView.listRunRecords`; the listing index keeps no inputs).
 *
 * @remarks
 * `StoreView.consumers()` walks every run and parses every input for each artifact asked about;
 * on 10,000 runs that is about half a second a call, and a lineage graph asks for dozens. This
 * index walks the listing once per graph, and the parsed inputs of a run record are kept as
 * long as the listing keeps that record (the view re-reads only changed runs), so later graphs
 * only walk arrays.
 */
export class ConsumerIndex {
  private byKey: Promise<Map<string, { run: RunRecord; ref: InputRef }[]>> | undefined;

  constructor(private readonly view: StoreView) {}

  /** Runs whose inputs name `key` at `version`, or by tag / key only (`exact` false). */
  async consumers(key: string, version: string): Promise<Consumer[]> {
    this.byKey ??= this.build();
    const found = (await this.byKey).get(key) ?? [];
    return found.flatMap(({ run, ref }) =>
      ref.version === undefined || ref.version === version
        ? [{ run, ref, exact: ref.version === version }]
        : [],
    );
  }

  private async build(): Promise<Map<string, { run: RunRecord; ref: InputRef }[]>> {
    const map = new Map<string, { run: RunRecord; ref: InputRef }[]>();
    for (const entry of await this.view.listRunRecords()) {
      if (entry.record === undefined) continue;
      for (const ref of cachedRefs(entry.record)) {
        const key = ref.key ?? '';
        const list = map.get(key);
        if (list === undefined) map.set(key, [{ run: entry.record, ref }]);
        else list.push({ run: entry.record, ref });
      }
    }
    return map;
  }
}
