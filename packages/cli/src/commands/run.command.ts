import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { LogHintError, parseLogHint, run } from '@stowage/core';
import { resolveHandler } from '@stowage/core/internal';
import type { RunOptions as CoreRunOptions, RunRecord } from '@stowage/core';
import { action, type CommandContext } from '../context';
import { CliError } from '../errors/cli.error';
import { UsageError } from '../errors/usage.error';
import { errorFromRecord } from '../errors/recorded-error';
import type { CliIo } from '../io';
import { loadModule } from '../loading/module-loader';
import { parseModuleRef, type ModuleRef } from '../loading/module-ref';
import { bullmq } from '../workspace/bullmq-lazy';
import { resolveRunTarget, type RunTarget } from '../loading/run-target';
import { collect, parseKeyValues } from '../options/key-value.option';
import { parseParamValues } from '../options/param-value.option';
import { runRecordJson } from '../output/run-json';
import { renderRun } from '../output/run-view';
import { cliManager } from '../workspace/cli-manager';
import { withWorkspace } from '../workspace/workspace';

interface RunOptions {
  readonly param?: string[];
  readonly input?: string[];
  readonly returns?: string[];
  readonly label?: string[];
  readonly name?: string;
  readonly queue?: string;
  readonly redis?: string;
  readonly wait?: boolean;
}

/** Registers `stowage run <module>[#export]`. */
export function registerRunCommand(program: Command, io: CliIo): void {
  program
    .command('run')
    .description('run a handler from a JavaScript module and print its run record')
    .argument('<module>', 'path/to/module.js[#export | #Class.method] (TypeScript: build it first)')
    .option(
      '-p, --param <key=value>',
      'a parameter; the value is read as JSON when it parses (repeatable)',
      collect,
    )
    .option(
      '-i, --input <key=uri|path>',
      'an input: store://key[:tag|@version], s3://…, or a file path (repeatable)',
      collect,
    )
    .option(
      '-o, --returns <hint>',
      'a log hint per returned value, e.g. "model : model" (repeatable)',
      collect,
    )
    .option('-l, --label <key=value>', 'a label on the run (repeatable)', collect)
    .option('--name <name>', 'the run name (default: the handler name)')
    .option('--queue <name>', 'enqueue the run for `stowage worker`s instead of running it here')
    .option('--redis <url>', 'with --queue: Redis URL (default: REDIS_URL)')
    .option('--wait', 'with --queue: wait for the run and print its record')
    .action(
      action<[string], RunOptions>(io, async (ctx, opts, moduleText) => {
        const params = parseParamValues(parseKeyValues(opts.param, '--param'));
        const inputs = parseInputs(parseKeyValues(opts.input, '--input'), io.cwd);
        const returns = (opts.returns ?? []).map(checkHint);
        const labels = parseKeyValues(opts.label, '--label');
        const ref = parseModuleRef(moduleText, io.cwd);
        if (opts.queue !== undefined) {
          const queued = { params, inputs, labels, returns, ref, name: opts.name };
          const record = await enqueueRun(ctx, io, opts, queued);
          if (record !== undefined && record.status !== 'completed' && record.status !== 'warn')
            throw runFailed(record);
          return;
        }
        const { name: exportName, target } = resolveRunTarget(ref, await loadModule(ref));
        const name = opts.name ?? defaultRunName(target, exportName);
        const record = await withWorkspace(ctx, { mustExist: false }, (ws) =>
          runTarget(target, {
            store: ws.store,
            manager: cliManager(io, { repository: ws.artifacts }),
            params,
            inputs,
            labels,
            ...(returns.length > 0 ? { returns } : {}),
            ...(name !== undefined ? { name } : {}),
          }),
        );
        ctx.printer.result(runRecordJson(record), () => renderRun(record, ctx.style));
        if (record.status === 'warn') {
          io.stderr.write(
            `stowage: warning: run ${record.id} completed, but some outputs were not logged (stowage runs show ${record.id}).\n`,
          );
        } else if (record.status !== 'completed') {
          throw runFailed(record);
        }
      }),
    );
}

/**
 * `stowage run --queue`: puts the run on the queue and prints its id; with `--wait`, waits for a
 * worker to end it and prints its record as `stowage run` does (and returns it).
 */
async function enqueueRun(
  ctx: CommandContext,
  io: CliIo,
  opts: RunOptions,
  run: {
    readonly params: Record<string, unknown>;
    readonly inputs: Record<string, string>;
    readonly labels: Record<string, string>;
    readonly returns: string[];
    readonly ref: ModuleRef;
    readonly name: string | undefined;
  },
): Promise<RunRecord | undefined> {
  const redisUrl = opts.redis ?? io.env['REDIS_URL'];
  return withWorkspace(ctx, { mustExist: false }, async (ws) => {
    const queue = await bullmq().RunQueue.open({
      ...(redisUrl === undefined ? {} : { redisUrl }),
      queue: opts.queue ?? 'stowage',
      store: ws.store,
    });
    try {
      const queued = await queue.enqueue(
        {
          module: run.ref.path,
          ...(run.ref.exportName === undefined ? {} : { exportName: run.ref.exportName }),
        },
        {
          params: run.params,
          inputs: run.inputs,
          labels: run.labels,
          ...(run.returns.length > 0 ? { returns: run.returns } : {}),
          ...(run.name === undefined ? {} : { name: run.name }),
        },
      );
      if (opts.wait !== true) {
        ctx.printer.result({ runId: queued.runId, queue: queue.name }, () => `${queued.runId}\n`);
        return undefined;
      }
      await queued.result().catch(() => undefined);
      const record = await ws.runs.read(queued.runId);
      ctx.printer.result(runRecordJson(record), () => renderRun(record, ctx.style));
      return record;
    } finally {
      await queue.close();
    }
  });
}

/**
 * The export name for an anonymous function handler (core would call its runs `handler`), so
 * `stowage runs --name <export>` finds them; `undefined` keeps the handler's own name.
 */
function defaultRunName(target: RunTarget, exportName: string): string | undefined {
  return typeof target === 'function' && resolveHandler(target).name === 'handler'
    ? exportName
    : undefined;
}

/**
 * The error `stowage run` exits with when the run did not complete: which output (or the run)
 * failed, with the recorded error chain as its cause.
 */
function runFailed(record: RunRecord): CliError {
  const failed = record.failedOutputs?.[0];
  const recorded = failed?.error ?? record.error;
  const where = failed === undefined ? '' : `: output "${failed.key}" was not logged`;
  return new CliError(
    `Run ${record.id} (${record.name}) ended with status "${record.status}"${where}.`,
    {
      code: 'CLI_RUN_FAILED',
      details: { run: record.id, ...(failed === undefined ? {} : { output: failed.key }) },
      fix: `Fix the cause below, then run again (the whole record: stowage runs show ${record.id}).`,
      ...(recorded === undefined ? {} : { cause: errorFromRecord(recorded) }),
    },
  );
}

/** Inputs given as paths become absolute paths; URIs are kept as they are. */
function parseInputs(texts: Readonly<Record<string, string>>, cwd: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(texts)) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
      out[key] = text;
      continue;
    }
    const path = resolve(cwd, text);
    if (text === '' || !existsSync(path)) {
      throw new UsageError(`--input ${key}: there is no file at ${path}.`, {
        details: { input: key, path },
        fix: `Give an existing path, or an artifact URI such as --input ${key}=store://${key}.`,
      });
    }
    out[key] = path;
  }
  return out;
}

/** Validates a `--returns` hint now, so a typo fails before the handler runs. */
function checkHint(text: string): string {
  try {
    parseLogHint(text);
    return text;
  } catch (error) {
    if (!LogHintError.is(error)) throw error;
    throw new UsageError(
      `--returns "${text}" is not a valid log hint (the cause below says where it goes wrong).`,
      {
        code: 'CLI_USAGE_INVALID',
        details: { hint: text, hintCode: error.code },
        fix: 'Write key, key : artifactType or key : artifactType[option=value].',
        cause: error,
      },
    );
  }
}

/**
 * Runs a handler loaded by name: its parameter types are known only at run time, where `run()`
 * checks them (the narrowing picks `run()`'s overload for a function or an instance/method pair).
 */
function runTarget(target: RunTarget, options: CoreRunOptions): Promise<RunRecord> {
  return typeof target === 'function' ? run(target, options) : run(target, options);
}
