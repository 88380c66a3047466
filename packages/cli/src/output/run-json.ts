import { type RunRecord } from '@stowage/core';
import { encodeTaggedJson } from '@stowage/core/internal';

/**
 * A run record as `--json` prints it: the stored form, where params and results use the run
 * record's tagged JSON (`{"$bigint": "…"}`, `{"$map": …}`, …; see docs/runs.md), so every type a
 * result holds survives and `decodeTaggedJson` gives the values back.
 */
export function runRecordJson(run: RunRecord): unknown {
  return {
    ...run,
    params: encodeTaggedJson(run.params, 'params'),
    results: encodeTaggedJson(run.results, 'results'),
  };
}
