import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  Bool,
  makeVector,
  Table,
  tableFromIPC,
  tableToIPC,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import * as wasm from 'parquet-wasm';
import { LocalStore, PackagersManager, type DataItem, type PackedOutput } from '@stowage/core';
import '@stowage/tables';
import type { CaseContext, CaseOutcome } from '../bench-case';
import { type PairedSamples, ratioOutcome } from '../harness';

/** Rows of the full run (1,000,000 × 5 columns: int64, float64, utf8, bool, timestamp). */
export const TABLE_ROWS = 1_000_000;

/** The table every table case packs, its size, a temp dir and a manager over a local store. */
export interface TableFixture {
  readonly table: Table;
  readonly rows: number;
  readonly dir: string;
  readonly manager: PackagersManager;
  readonly store: LocalStore;
}

/** A table of `rows` rows: ids, scores, 1,000 distinct names, flags and timestamps. */
export function benchTable(rows: number): Table {
  const id = new BigInt64Array(rows);
  const score = new Float64Array(rows);
  const name: string[] = new Array<string>(rows);
  const flag: boolean[] = new Array<boolean>(rows);
  const at = new Array<number>(rows);
  for (let i = 0; i < rows; i++) {
    id[i] = BigInt(i);
    score[i] = Math.sin(i) * 1000;
    name[i] = `name-${i % 1000}`;
    flag[i] = i % 3 === 0;
    at[i] = 1_700_000_000_000 + i * 1000;
  }
  return new Table({
    id: makeVector(id),
    score: makeVector(score),
    name: vectorFromArray(name, new Utf8()),
    flag: vectorFromArray(flag, new Bool()),
    at: vectorFromArray(at, new TimestampMillisecond()),
  });
}

/** Builds the fixture at the run's scale. */
export async function tableFixture(ctx: CaseContext): Promise<TableFixture> {
  const rows = Math.max(1000, Math.round(TABLE_ROWS * ctx.scale));
  const dir = await ctx.tempDir();
  const store = new LocalStore({ root: join(dir, 'store') });
  const manager = new PackagersManager({ store });
  return { table: benchTable(rows), rows, dir, manager, store };
}

/** The bare library write: parquet-wasm on the same table (snappy, same row groups), then a file. */
export async function bareParquetWrite(table: Table, file: string): Promise<Uint8Array> {
  const props = new wasm.WriterPropertiesBuilder()
    .setCompression(wasm.Compression.SNAPPY)
    .setMaxRowGroupSize(131_072)
    .build();
  const bytes = wasm.writeParquet(wasm.Table.fromIPCStream(tableToIPC(table, 'stream')), props);
  await writeFile(file, bytes);
  return bytes;
}

/** The bare library read: the file, then parquet-wasm into an apache-arrow Table. */
export async function bareParquetRead(file: string): Promise<Table> {
  const bytes = await readFile(file);
  return tableFromIPC(wasm.readParquet(bytes).intoIPCStream());
}

/** The bare Arrow IPC read: the file, then apache-arrow. */
export async function bareArrowRead(file: string): Promise<Table> {
  return tableFromIPC(await readFile(file));
}

/** Opens what a pack stored. */
export function openPacked(manager: PackagersManager, out: PackedOutput): Promise<DataItem> {
  if (out.kind !== 'artifact') throw new Error('expected an artifact');
  return manager.repository!.open(out.artifact.uri as string);
}

/** Removes what a pack stored (untimed cleanup between repetitions). */
export async function removePacked(store: LocalStore, out: PackedOutput): Promise<void> {
  if (out.kind !== 'artifact') return;
  const paths: string[] = [];
  for await (const object of store.list(`artifacts/${out.artifact.key}/`)) paths.push(object.path);
  for (const path of paths) await store.delete(path);
}

/**
 * The outcome of a tables case from interleaved samples in milliseconds: both sides in seconds,
 * the ratio Stowage ÷ baseline (lower is better), what it means, and notes.
 */
export function secondsOutcome(
  samples: PairedSamples,
  ratioMeaning: string,
  notes: readonly string[],
): CaseOutcome {
  const seconds = (ms: readonly number[]): number[] => ms.map((m) => m / 1000);
  return { ...ratioOutcome(samples, 's', { convert: seconds }), ratioMeaning, notes };
}

/** Process CPU seconds (user + system, all threads) spent since `start` (`process.cpuUsage()`). */
export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/**
 * A note with the median CPU seconds of both sides (last `reps` samples) and their ratio: steadier
 * than wall time when other work shares the machine.
 */
export function cpuNote(
  stowage: readonly number[],
  baseline: readonly number[],
  reps: number,
): string {
  const median = (xs: readonly number[]): number => {
    const s = xs.slice(-reps).sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)] ?? NaN;
  };
  const a = median(stowage);
  const b = median(baseline);
  return `CPU time (median, user + system): ${a.toFixed(2)} s vs ${b.toFixed(2)} s, ratio ${(a / b).toFixed(2)}`;
}
