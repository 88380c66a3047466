import type { Command } from 'commander';
import { StoreLifecycle } from '@stowage/core';
import { action } from '../context';
import { UsageError } from '../errors/usage.error';
import type { CliIo } from '../io';
import { parseArtifactUri } from '../options/artifact-uri.option';
import { renderTagHistory, renderTagMove, renderTags } from '../output/lifecycle-view';
import { withWorkspace } from '../workspace/workspace';

interface TagOptions {
  readonly rm?: boolean;
  readonly history?: boolean;
  readonly by?: string;
}

function usage(what: string): UsageError {
  return new UsageError(`stowage tag: ${what}.`, {
    details: { command: 'tag' },
    fix: 'Write `stowage tag key@version TAG` to set or move, `stowage tag key TAG --rm` to remove, `stowage tag key TAG --history` for its history, or `stowage tag key` to list.',
  });
}

/**
 * Registers `stowage tag`: set, move, remove, list tags and show where a tag pointed over time.
 *
 * @remarks
 * Exit code 0 on success, 1 when the store refuses (a missing version or tag), 2 for a wrong
 * command line.
 */
export function registerTagCommand(program: Command, io: CliIo): void {
  program
    .command('tag')
    .description('set or move a tag (key@version TAG), remove it (--rm), list tags, show --history')
    .argument('<ref>', 'key@version to tag, or key to list its tags / remove one')
    .argument('[tag]', 'the tag name (not latest)')
    .option('--rm', 'remove the tag')
    .option('--history', 'show where the tag pointed over time (who, when, from, to)')
    .option('--by <name>', 'who moves the tag, kept in its history (default: user@host)')
    .action(
      action<[string, string | undefined], TagOptions>(io, async (ctx, opts, ref, tag) => {
        const parsed = parseArtifactUri(ref, 'stowage tag');
        if (parsed.tag !== undefined || parsed.file !== undefined)
          throw usage(`"${ref}" must be key or key@version`);
        const by = opts.by === undefined ? {} : { by: opts.by };
        await withWorkspace(ctx, { mustExist: true }, async (ws) => {
          const life = new StoreLifecycle(ws.store);
          if (opts.history === true) {
            if (tag === undefined) throw usage('--history needs a tag name');
            const history = await life.tagHistory(parsed.key, tag);
            ctx.printer.result(history, () =>
              renderTagHistory(parsed.key, tag, history, ctx.style),
            );
          } else if (opts.rm === true) {
            if (tag === undefined || parsed.version !== undefined)
              throw usage('--rm takes a key (no @version) and a tag');
            const move = await life.removeTag(parsed.key, tag, by);
            ctx.printer.result(move, () => renderTagMove(move));
          } else if (tag === undefined) {
            if (parsed.version !== undefined) throw usage('give the tag to set on that version');
            const tags = await life.tags(parsed.key);
            ctx.printer.result(tags, () => renderTags(parsed.key, tags, ctx.style));
          } else {
            if (parsed.version === undefined)
              throw usage(`name the version to tag, as ${parsed.key}@VERSION`);
            const move = await life.setTag(parsed.key, parsed.version, tag, by);
            ctx.printer.result(move, () => renderTagMove(move));
          }
        });
      }),
    );
}
