import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { BenchCase, CaseContext } from './bench-case';
import { machineThroughput } from './baselines/machine-throughput';
import { ALL_CASES } from './cases';
import {
  type CaseEntry,
  type RunReport,
  loadNow,
  machineInfo,
  markdownTable,
  meetsTarget,
  targetText,
} from './report';

/** Command-line options of `node bench/dist/run.js`. */
interface CliOptions {
  readonly quick: boolean;
  readonly only: readonly string[] | undefined;
  readonly out: string;
  readonly reps: number;
}

const USAGE = `usage: node bench/dist/run.js [--quick] [--only=id1,id2] [--reps=N] [--out=file.json]
  --quick   every case at 1/8 size (CI; well under a minute)
  --only    run only these case ids
  --reps    measured repetitions per subject (default 5, minimum 5)
  --out     results file (default bench/results/latest.json; quick.json with --quick)`;

function parseArgs(argv: readonly string[]): CliOptions {
  let quick = false;
  let only: string[] | undefined;
  let out: string | undefined;
  let reps = 5;
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg.startsWith('--only=')) only = arg.slice('--only='.length).split(',');
    else if (arg.startsWith('--out=')) out = resolve(arg.slice('--out='.length));
    else if (arg.startsWith('--reps='))
      reps = Math.max(5, Number(arg.slice('--reps='.length)) || 5);
    else {
      process.stderr.write(`${arg === '--help' ? '' : `unknown argument: ${arg}\n`}${USAGE}\n`);
      process.exit(arg === '--help' ? 0 : 2);
    }
  }
  const known = new Set(ALL_CASES.map((c) => c.id));
  const unknown = (only ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown case id(s): ${unknown.join(', ')}\nknown: ${[...known].join(', ')}\n`,
    );
    process.exit(2);
  }
  // A quick run never overwrites the full-size figures that docs/performance.md quotes.
  out ??= resolve(__dirname, '..', 'results', quick ? 'quick.json' : 'latest.json');
  return { quick, only, out, reps };
}

async function runCase(benchCase: BenchCase, cli: CliOptions, root: string): Promise<CaseEntry> {
  const caseDir = await mkdtemp(join(root, `${benchCase.id}-`));
  let dirs = 0;
  const ctx: CaseContext = {
    quick: cli.quick,
    scale: cli.quick ? 1 / 8 : 1,
    plan: { warmup: 1, reps: cli.reps },
    tempDir: async () => {
      dirs += 1;
      return mkdtemp(join(caseDir, `${dirs}-`));
    },
    log: (message) => process.stderr.write(`  [${benchCase.id}] ${message}\n`),
  };
  const started = process.hrtime.bigint();
  const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  const base = {
    id: benchCase.id,
    title: benchCase.title,
    target: targetText(benchCase.target),
  };
  process.stderr.write(`${benchCase.id}: ${benchCase.title}\n`);
  try {
    const outcome = await benchCase.run(ctx);
    const meets = meetsTarget(benchCase.target, outcome);
    if ('skipped' in outcome) {
      ctx.log(`skipped: ${outcome.skipped}`);
      return {
        ...base,
        stowage: null,
        baseline: null,
        ratio: null,
        ratioMeaning: null,
        meets,
        skipped: outcome.skipped,
        seconds: seconds(),
        ...(outcome.notes ? { notes: outcome.notes } : {}),
      };
    }
    return {
      ...base,
      stowage: outcome.stowage,
      baseline: outcome.baseline ?? null,
      ratio: outcome.ratio ?? null,
      ratioMeaning: outcome.ratioMeaning ?? null,
      meets,
      seconds: seconds(),
      ...(outcome.extra ? { extra: outcome.extra } : {}),
      ...(outcome.notes ? { notes: outcome.notes } : {}),
      ...(outcome.bound !== undefined ? { bound: outcome.bound } : {}),
    };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    ctx.log(`CRASHED: ${error instanceof Error ? (error.stack ?? message) : message}`);
    return {
      ...base,
      stowage: null,
      baseline: null,
      ratio: null,
      ratioMeaning: null,
      meets: null,
      error: message,
      seconds: seconds(),
    };
  } finally {
    await rm(caseDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const cli = parseArgs(process.argv.slice(2));
  const loadAtStart = loadNow();
  const root = mkdtempSync(join(tmpdir(), 'stowage-bench-'));
  const cleanup = (): void => rmSync(root, { recursive: true, force: true });
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  machineThroughput();
  const selected = ALL_CASES.filter((c) => cli.only === undefined || cli.only.includes(c.id));
  const entries: CaseEntry[] = [];
  for (const benchCase of selected) entries.push(await runCase(benchCase, cli, root));
  cleanup();

  const report: RunReport = {
    quick: cli.quick,
    machine: machineInfo(loadAtStart, machineThroughput()),
    cases: entries,
  };
  mkdirSync(dirname(cli.out), { recursive: true });
  writeFileSync(cli.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${markdownTable(report)}\n`);
  process.stderr.write(`results written to ${cli.out}\n`);
  return entries.some((e) => e.error !== undefined) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
