import type { Command } from 'commander';
import { copyArtifacts, parseCopySelector } from '@stowage/core';
import type { Store } from '@stowage/core';
import { action } from '../context';
import { UsageError } from '../errors/usage.error';
import type { CliIo } from '../io';
import { renderCopy, renderCopiedVersion } from '../output/copy-view';
import { openStore, resolveStoreSpec } from '../workspace/store-spec';

interface CpOptions {
  readonly tags?: boolean;
  readonly inputs?: boolean;
  readonly lineage?: boolean;
  readonly dryRun?: boolean;
  readonly by?: string;
}

/**
 * Registers `stowage cp <from> <to> <what...>`: copies keys, versions, tagged versions and runs
 * from one store to another (local ⇄ S3, local ⇄ local).
 *
 * @remarks
 * Each store is a directory, `file://` URL or `s3://bucket/prefix` (the global `--store` is not
 * used). Exit code 0 when everything is copied or already there, 1 when the copy is refused or
 * fails (a conflict, a damaged source, a missing key), 2 for a wrong command line.
 */
export function registerCpCommand(program: Command, io: CliIo): void {
  program
    .command('cp')
    .description(
      'copy artifacts between stores: keys, key@version, key:tag or run:<id>, checked on arrival',
    )
    .argument('<from>', 'the source store: a directory or s3://bucket/prefix')
    .argument('<to>', 'the destination store: a directory or s3://bucket/prefix')
    .argument('<what...>', 'key (every version), key@version, key:tag or run:<id>')
    .option('--tags', 'also set the tags that name a copied version on it at the destination')
    .option('--inputs', 'for run:<id>, also copy the versions the run read')
    .option('--no-lineage', 'do not copy the run records that produced the copied versions')
    .option('-n, --dry-run', 'check and show what would be copied; write nothing')
    .option('--by <name>', 'who moves tags at the destination (default: user@host)')
    .action(
      action<[string, string, string[]], CpOptions>(
        io,
        async (ctx, opts, fromText, toText, what) => {
          for (const text of what) checkSelector(text);
          const stores: Store[] = [];
          try {
            const from = openStore(resolveStoreSpec(fromText, {}, ctx.io.cwd), ctx.io.env, true);
            stores.push(from);
            const to = openStore(resolveStoreSpec(toText, {}, ctx.io.cwd), ctx.io.env, false);
            stores.push(to);
            const progress = ctx.io.stderr.isTTY === true && !ctx.printer.json;
            const result = await copyArtifacts(from, to, what, {
              tags: opts.tags === true,
              inputs: opts.inputs === true,
              lineage: opts.lineage !== false,
              dryRun: opts.dryRun === true,
              ...(opts.by === undefined ? {} : { by: opts.by }),
              ...(progress
                ? { onVersion: (v) => ctx.io.stderr.write(renderCopiedVersion(v)) }
                : {}),
            });
            ctx.printer.result(result, () => renderCopy(result, ctx.style));
          } finally {
            for (const store of stores) await store.close?.();
          }
        },
      ),
    );
}

/** Refuses a malformed `<what>` before any store is opened (exit code 2). */
function checkSelector(text: string): void {
  try {
    parseCopySelector(text);
  } catch (error) {
    throw new UsageError(`stowage cp cannot copy "${text}".`, {
      details: { argument: text },
      fix: 'Name what to copy as key, key@version, key:tag or run:<id> (see the cause).',
      cause: error,
    });
  }
}
