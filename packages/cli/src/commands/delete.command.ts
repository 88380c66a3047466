import type { Command } from 'commander';
import { StoreLifecycle } from '@stowage/core';
import { action } from '../context';
import { UsageError } from '../errors/usage.error';
import type { CliIo } from '../io';
import { parseArtifactUri } from '../options/artifact-uri.option';
import { renderDelete } from '../output/lifecycle-view';
import { withWorkspace } from '../workspace/workspace';

interface DeleteOptions {
  readonly force?: boolean;
  readonly yes?: boolean;
}

/**
 * Registers `stowage delete`: a version (`key@version`) or, with `--yes`, every version of a key.
 *
 * @remarks
 * Records go first, bytes after. A version a tag names or a kept run read is refused unless
 * `--force`. Exit code 0 when deleted, 1 when refused or failed, 2 for a wrong command line.
 */
export function registerDeleteCommand(program: Command, io: CliIo): void {
  program
    .command('delete')
    .description(
      'delete a version (key@version) or a whole key (key --yes); tagged or run-read versions need --force',
    )
    .argument('<ref>', 'key@version, or key for every version of it')
    .option('-y, --yes', 'confirm deleting every version of a key')
    .option(
      '-f, --force',
      'delete even versions a tag names or a kept run read (their tags are removed)',
    )
    .action(
      action<[string], DeleteOptions>(io, async (ctx, opts, ref) => {
        const parsed = parseArtifactUri(ref, 'stowage delete');
        if (parsed.tag !== undefined || parsed.file !== undefined) {
          throw new UsageError(`stowage delete takes key or key@version, not "${ref}".`, {
            details: { ref },
            fix: 'Find the version a tag names with `stowage tag KEY`, then delete KEY@VERSION.',
          });
        }
        const force = { force: opts.force === true };
        await withWorkspace(ctx, { mustExist: true }, async (ws) => {
          const life = new StoreLifecycle(ws.store);
          if (parsed.version === undefined) {
            if (opts.yes !== true) {
              const versions = await ws.artifacts.versions(parsed.key);
              throw new UsageError(
                `stowage delete ${parsed.key} would delete all ${versions.length} version(s) of it.`,
                {
                  details: { key: parsed.key, versions: versions.length },
                  fix: `Add --yes to delete the whole key, or delete one version with ${parsed.key}@VERSION.`,
                },
              );
            }
            const result = await life.deleteKey(parsed.key, force);
            ctx.printer.result(result, () => renderDelete(result));
          } else {
            const result = await life.deleteVersion(parsed.key, parsed.version, force);
            ctx.printer.result(result, () => renderDelete(result));
          }
        });
      }),
    );
}
