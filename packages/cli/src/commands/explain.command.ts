import type { Command } from 'commander';
import { errorSummary, UnpackingError, type Artifact, type PackagersManager } from '@stowage/core';
import { action, type CommandContext } from '../context';
import type { CliIo } from '../io';
import { loadModule } from '../loading/module-loader';
import { looksLikeModule, parseModuleRef } from '../loading/module-ref';
import { pickExport } from '../loading/pick-export';
import { parseArtifactUri } from '../options/artifact-uri.option';
import { renderFields } from '../output/table';
import { cliManager } from '../workspace/cli-manager';
import { withWorkspace } from '../workspace/workspace';

interface ExplainOptions {
  readonly hint?: string;
}

/** How a stored artifact is unpacked, as `stowage explain <uri>` reports it. */
interface UnpackReport {
  readonly uri: string;
  readonly packager: string | undefined;
  readonly objectType: string | undefined;
  readonly artifactType: string | undefined;
  readonly registered: boolean;
  readonly result: string;
}

/** Registers `stowage explain <module#export|uri> [--hint <hint>]`. */
export function registerExplainCommand(program: Command, io: CliIo): void {
  program
    .command('explain')
    .description(
      'explain which packager would pack a value (module#export) or unpack an artifact (uri)',
    )
    .argument(
      '<target>',
      'path/to/module.js#export (a value to pack) or store://key[:tag|@version]',
    )
    .option(
      '-H, --hint <hint>',
      'the log hint to explain, e.g. "model : model" (default: the export name)',
    )
    .action(
      action<[string], ExplainOptions>(io, async (ctx, opts, target) => {
        if (looksLikeModule(target)) await explainExport(ctx, target, opts.hint);
        else await explainArtifact(ctx, target, opts.hint);
      }),
    );
}

async function explainExport(
  ctx: CommandContext,
  target: string,
  hint: string | undefined,
): Promise<void> {
  const ref = parseModuleRef(target, ctx.io.cwd);
  const { name, value } = pickExport(ref, await loadModule(ref));
  const explanation = cliManager(ctx.io).explain(value, hint ?? name);
  ctx.printer.result(explanation, () => `${explanation.text}\n`);
}

async function explainArtifact(
  ctx: CommandContext,
  target: string,
  hint: string | undefined,
): Promise<void> {
  const { uri } = parseArtifactUri(target, 'stowage explain');
  const manager = cliManager(ctx.io);
  try {
    await withWorkspace(ctx, { mustExist: true }, async (ws) => {
      const item = await ws.artifacts.open(uri);
      const artifact = item.meta as Artifact;
      let value: unknown;
      let failure: unknown;
      try {
        value = await manager.unpack(item);
      } catch (error) {
        failure = error;
      }
      const report = unpackReport(manager, artifact, value, failure);
      const packing =
        hint !== undefined && failure === undefined ? manager.explain(value, hint) : undefined;
      ctx.printer.result(
        { unpacking: report, packing },
        () => renderUnpack(report) + (packing === undefined ? '' : `\n${packing.text}\n`),
      );
      if (hint !== undefined && failure !== undefined) {
        throw new UnpackingError(
          `Cannot explain packing under "${hint}": the artifact did not unpack.`,
          {
            code: 'UNPACKING_FAILED',
            cause: failure,
            fix: 'Import the packager that wrote it with --require (see "recorded packager" above), or fix the cause below.',
          },
        );
      }
    });
  } finally {
    await manager.cleanup();
  }
}

function unpackReport(
  manager: PackagersManager,
  artifact: Artifact,
  value: unknown,
  failure: unknown,
): UnpackReport {
  const p = artifact.packaging;
  const registered = p !== undefined && manager.snapshot.byName(p.packager) !== undefined;
  const result =
    failure === undefined
      ? `unpacks to a ${typeNameOf(value)}`
      : `fails: ${oneLine(errorSummary(failure))}`;
  return {
    uri: artifact.uri ?? '',
    packager: p?.packager,
    objectType: p?.objectType,
    artifactType: p?.artifactType,
    registered,
    result,
  };
}

/** A failure's summary (what failed, never its fix: read from the error, not parsed) as one line. */
function oneLine(what: string): string {
  return what
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

function typeNameOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  return proto?.constructor?.name ?? 'Object';
}

function renderUnpack(r: UnpackReport): string {
  const recorded =
    r.packager === undefined
      ? "(none: logged by hand; the packagers' default unpacking artifact types decide)"
      : `${r.packager}${r.registered ? ' (registered here)' : ' (NOT registered here: import it with --require)'}`;
  return (
    `Unpacking ${r.uri}:\n` +
    renderFields([
      ['  recorded packager', recorded],
      ['  object type', r.objectType],
      ['  artifact type', r.artifactType],
      ['  result', r.result],
    ])
  );
}
