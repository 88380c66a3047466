import type { Command } from 'commander';
import { encodeArtifactRecord } from '@stowage/core/internal';
import { StoreLifecycle, artifactStorage } from '@stowage/core';
import type { Artifact, DataItem, Store } from '@stowage/core';
import { action } from '../context';
import type { CliIo } from '../io';
import { parseArtifactUri } from '../options/artifact-uri.option';
import { collect, parseKeyValues } from '../options/key-value.option';
import { renderArtifact, renderArtifactList, type VersionTag } from '../output/artifact-view';
import { withWorkspace } from '../workspace/workspace';

interface ListOptions {
  readonly key?: string;
  readonly kind?: string;
  readonly tag?: string;
  readonly label?: string[];
  readonly all?: boolean;
}

const TEXT_FORMATS = new Set([
  'json',
  'jsonl',
  'ndjson',
  'csv',
  'tsv',
  'txt',
  'md',
  'yaml',
  'yml',
  'svg',
  'html',
  'xml',
]);
const PREVIEW_MAX_BYTES = 64 * 1024;
const PREVIEW_LINES = 15;

/** Registers `stowage artifacts [list]` and `stowage artifacts show <uri>`. */
export function registerArtifactsCommands(program: Command, io: CliIo): void {
  const artifacts = program.command('artifacts').description('list artifacts or show one');
  artifacts
    .command('list', { isDefault: true })
    .description('list artifacts: the latest version of each key, or every version of --key')
    .option('-k, --key <key>', 'only this key, every version (newest first)')
    .option('--kind <kind>', 'only this kind (model, dataset, plot, …)')
    .option('-t, --tag <tag>', 'only the version each key has under this tag')
    .option('-l, --label <key=value>', 'only artifacts with this label (repeatable)', collect)
    .option('-a, --all', 'every version of every key')
    .action(
      action<[], ListOptions>(io, async (ctx, opts) => {
        const tag =
          opts.tag ?? (opts.key !== undefined || opts.all === true ? undefined : 'latest');
        const filter = {
          labels: parseKeyValues(opts.label, '--label'),
          ...(opts.key !== undefined ? { key: opts.key } : {}),
          ...(opts.kind !== undefined ? { kind: opts.kind } : {}),
          ...(tag !== undefined ? { tag } : {}),
        };
        const found = await withWorkspace(ctx, { mustExist: true }, (ws) =>
          ws.artifacts.list(filter),
        );
        ctx.printer.result(found.map(encodeArtifactRecord), () =>
          renderArtifactList(found, ctx.style),
        );
      }),
    );
  artifacts
    .command('show')
    .description('show an artifact: its record, files, packaging instructions and a preview')
    .argument('<uri>', 'store://key[:tag|@version], or just key')
    .action(
      action<[string], object>(io, async (ctx, _opts, text) => {
        const { uri } = parseArtifactUri(text, 'stowage artifacts show');
        await withWorkspace(ctx, { mustExist: true }, async (ws) => {
          const item = await ws.artifacts.open(uri);
          const artifact = item.meta as Artifact;
          const record = encodeArtifactRecord(artifact);
          const preview = ctx.printer.json ? undefined : await textPreview(item, artifact);
          const tags = ctx.printer.json ? [] : await versionTags(ws.store, artifact);
          const storage = ctx.printer.json ? undefined : await artifactStorage(ws.store, artifact);
          ctx.printer.result(record, () =>
            renderArtifact(artifact, record, preview, ctx.style, tags, storage),
          );
        });
      }),
    );
}

/** The named tags that name this version now, each with how many moves its history holds. */
async function versionTags(store: Store, artifact: Artifact): Promise<VersionTag[]> {
  const life = new StoreLifecycle(store);
  const tags = (await life.tags(artifact.key)).filter((t) => t.version === artifact.version);
  return Promise.all(
    tags.map(async ({ tag }) => ({
      tag,
      moves: (await life.tagHistory(artifact.key, tag)).length,
    })),
  );
}

/** The first lines of a small text artifact (the hash is checked while reading); else undefined. */
async function textPreview(item: DataItem, artifact: Artifact): Promise<string | undefined> {
  if (artifact.kind === 'dataset' && Array.isArray((artifact as { preview?: unknown[] }).preview))
    return undefined;
  const format = (artifact.format ?? artifact.fileName?.split('.').pop() ?? '').toLowerCase();
  if (!TEXT_FORMATS.has(format) || (artifact.size ?? Infinity) > PREVIEW_MAX_BYTES)
    return undefined;
  const lines = (await item.getText()).split('\n');
  const shown = lines
    .slice(0, PREVIEW_LINES)
    .map((l) => (l.length > 200 ? `${l.slice(0, 199)}…` : l));
  if (lines.length > PREVIEW_LINES) shown.push(`… (${lines.length - PREVIEW_LINES} more lines)`);
  return shown.join('\n');
}
