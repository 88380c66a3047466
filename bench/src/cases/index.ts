import type { BenchCase } from '../bench-case';
import { arrowIpcRead1mRowsS } from './arrow_ipc_read_1m_rows_s.case';
import { datasetStatsOverhead } from './dataset_stats_overhead.case';
import { parquetRead1mRowsS } from './parquet_read_1m_rows_s.case';
import { parquetStreamReadPeakRssMib } from './parquet_stream_read_peak_rss_mib.case';
import { parquetWrite1mRowsS } from './parquet_write_1m_rows_s.case';
import { dispatch1000Vs10 } from './dispatch_1000_vs_10.case';
import { dispatchResultUs } from './dispatch_result_us.case';
import { fallbackUnpackPeakRss } from './fallback_unpack_peak_rss.case';
import { fallbackVsCborXRaw } from './fallback_vs_cbor_x_raw.case';
import { fallbackVsSuperjson } from './fallback_vs_superjson.case';
import { fallbackVsV8 } from './fallback_vs_v8.case';
import { npy1Gib } from './npy_1gib.case';
import { npyBigendianRead } from './npy_bigendian_read.case';
import { npyPackVsRawWrite } from './npy_pack_vs_raw_write.case';
import { npyUnpackVsRawRead } from './npy_unpack_vs_raw_read.case';
import { npzPackVsRawWrite } from './npz_pack_vs_raw_write.case';
import { pythonReference } from './python_reference.case';
import { queueOverheadMs } from './queue_overhead_ms.case';
import { queueSmallRunsPerS } from './queue_small_runs_per_s.case';
import { runManyOutputs } from './run_many_outputs.case';
import { s3VsLocal } from './s3_vs_local.case';
import { s3VsSdk } from './s3_vs_sdk.case';
import { smallArtifactsPerS } from './small_artifacts_per_s.case';
import { streamPackPeakRssMib } from './stream_pack_peak_rss_mib.case';
import { uiListPageMs } from './ui_list_page_ms.case';

/** Every case, in the order a run executes them (cheap, in-memory cases first). */
export const ALL_CASES: readonly BenchCase[] = [
  dispatchResultUs,
  dispatch1000Vs10,
  fallbackVsV8,
  fallbackVsCborXRaw,
  fallbackVsSuperjson,
  npyPackVsRawWrite,
  npyUnpackVsRawRead,
  npyBigendianRead,
  npzPackVsRawWrite,
  npy1Gib,
  smallArtifactsPerS,
  runManyOutputs,
  streamPackPeakRssMib,
  fallbackUnpackPeakRss,
  parquetWrite1mRowsS,
  parquetRead1mRowsS,
  arrowIpcRead1mRowsS,
  datasetStatsOverhead,
  parquetStreamReadPeakRssMib,
  s3VsSdk,
  s3VsLocal,
  queueOverheadMs,
  queueSmallRunsPerS,
  uiListPageMs,
  pythonReference,
];
