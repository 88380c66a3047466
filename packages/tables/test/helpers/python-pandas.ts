import { spawnSync } from 'node:child_process';

/** What the pandas probe found: pandas' version, whether it read the file, and why not. */
export interface PandasProbe {
  readonly python: string;
  readonly pandas: string | null;
  readonly engine: boolean;
  readonly reason?: string;
  readonly dtypes?: Record<string, string>;
  readonly rows?: Record<string, unknown>[];
}

const PROBE = `
import json, sys
out = {"python": sys.executable, "pandas": None, "engine": False}
try:
    import pandas as pd
    out["pandas"] = pd.__version__
    df = pd.read_parquet(sys.argv[1])
    out["engine"] = True
    out["dtypes"] = {c: str(t) for c, t in df.dtypes.items()}
    out["rows"] = json.loads(df.to_json(orient="records", date_format="iso", date_unit="us"))
except ImportError as e:
    out["reason"] = str(e)
print(json.dumps(out))
`;

/**
 * Reads a Parquet file with pandas in a child Python: the first of `python3` (first on PATH) and
 * Debian's `/usr/bin/python3` that has pandas, else what the last one said.
 */
export function readWithPandas(file: string): PandasProbe {
  let last: PandasProbe | undefined;
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', PROBE, file], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) {
      last = { python, pandas: null, engine: false, reason: r.stderr || String(r.error) };
      continue;
    }
    last = JSON.parse(r.stdout) as PandasProbe;
    if (last.pandas !== null) return last;
  }
  return last as PandasProbe;
}

/** Whether this run is CI's (`CI` set and not `false`), where every tool must be present. */
export function inCi(): boolean {
  const ci = process.env['CI'];
  return ci !== undefined && ci !== '' && ci !== 'false';
}
