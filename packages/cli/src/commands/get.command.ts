import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { NotFoundError } from '@stowage/core';
import type { Artifact } from '@stowage/core';
import { action } from '../context';
import { CliError } from '../errors/cli.error';
import type { CliIo } from '../io';
import { parseArtifactUri } from '../options/artifact-uri.option';
import { formatBytes } from '../output/format';
import { ProgressBar } from '../output/progress-bar';
import { renderTable } from '../output/table';
import { downloadAll, type DownloadJob } from '../transfer/download';
import { safeDestination } from '../transfer/safe-destination';
import { withWorkspace, type Workspace } from '../workspace/workspace';

interface GetOptions {
  readonly force?: boolean;
}

interface Planned {
  readonly name: string;
  readonly size: number;
  readonly dest: string;
  /** The folder `dest` must stay in (checked again before anything is written). */
  readonly within: string;
}

/** Registers `stowage get <uri> [dest]`. */
export function registerGetCommand(program: Command, io: CliIo): void {
  program
    .command('get')
    .description('download an artifact’s files (checked against their sha256)')
    .argument('<uri>', 'store://key[:tag|@version][#file], or just key')
    .argument('[dest]', 'a file (one-file artifacts) or directory (default: the current directory)')
    .option('-f, --force', 'overwrite files that exist')
    .action(
      action<[string, string | undefined], GetOptions>(io, async (ctx, opts, text, dest) => {
        const ref = parseArtifactUri(text, 'stowage get');
        const written = await withWorkspace(ctx, { mustExist: true }, async (ws) => {
          const artifact = await ws.artifacts.read(
            ref.key,
            ref.version !== undefined
              ? { version: ref.version }
              : ref.tag !== undefined
                ? { tag: ref.tag }
                : {},
          );
          const files = filesOf(artifact, ref.file);
          const plan = planDestinations(artifact, files, dest, io.cwd);
          if (opts.force !== true) refuseOverwrite(plan);
          const bar = new ProgressBar(
            io.stderr,
            `get ${artifact.key}`,
            plan.reduce((s, p) => s + p.size, 0),
          );
          try {
            await downloadAll(
              plan.map((p) => job(ws, artifact, p)),
              bar,
            );
          } finally {
            bar.done();
          }
          return plan;
        });
        ctx.printer.result(
          written.map(({ name, size, dest: path }) => ({ name, size, path })),
          () =>
            renderTable(
              written,
              [
                { header: 'FILE', value: (p) => p.name },
                { header: 'SIZE', value: (p) => formatBytes(p.size), right: true },
                { header: 'WRITTEN TO', value: (p) => p.dest },
              ],
              ctx.style,
            ),
        );
      }),
    );
}

function job(ws: Workspace, artifact: Artifact, planned: Planned): DownloadJob {
  const item =
    planned.name === artifact.fileName
      ? ws.artifacts.item(artifact)
      : ws.artifacts.item(artifact, planned.name);
  return { item, dest: planned.dest, within: planned.within };
}

/** The artifact's files (name, size): the primary file first, or only `only` when given. */
function filesOf(artifact: Artifact, only: string | undefined): { name: string; size: number }[] {
  const all = [
    ...(artifact.fileName !== undefined
      ? [{ name: artifact.fileName, size: artifact.size ?? 0 }]
      : []),
    ...(artifact.fileRecords ?? []).map((f) => ({ name: f.name, size: f.size })),
  ];
  if (only === undefined) return all;
  const file = all.find((f) => f.name === only);
  if (file === undefined) {
    throw new NotFoundError(`Artifact "${artifact.key}" has no file "${only}".`, {
      code: 'NOT_FOUND',
      details: { key: artifact.key, file: only, files: all.map((f) => f.name) },
      fix: `Use one of: ${all.map((f) => f.name).join(', ') || '(it has no files)'}.`,
    });
  }
  return [file];
}

/**
 * Where each file goes: one file → `dest` (a file path, or into `dest` when it is a directory);
 * several → into the directory `dest` (default `./<key>`), keeping their relative names.
 *
 * @remarks
 * Every file name comes from the artifact record and is checked (relative, no `..`, inside the
 * destination) before anything is created; one unsafe name refuses the whole download.
 * @throws CliError `CLI_UNSAFE_FILE_NAME` for a name that would leave the destination.
 */
function planDestinations(
  artifact: Artifact,
  files: readonly { name: string; size: number }[],
  dest: string | undefined,
  cwd: string,
): Planned[] {
  const [single] = files;
  if (files.length === 1 && single !== undefined) {
    // The name is checked as a whole even though only its last segment is used here.
    const leaf = basename(safeDestination(cwd, single.name, artifact.key));
    const target = dest === undefined ? join(cwd, leaf) : resolve(cwd, dest);
    const isDir =
      dest !== undefined &&
      (dest.endsWith('/') || (existsSync(target) && statSync(target).isDirectory()));
    const path = isDir ? join(target, leaf) : target;
    return [{ ...single, dest: path, within: dirname(path) }];
  }
  const dir = resolve(cwd, dest ?? basename(artifact.key));
  return files.map((f) => ({
    ...f,
    dest: safeDestination(dir, f.name, artifact.key),
    within: dir,
  }));
}

function refuseOverwrite(plan: readonly Planned[]): void {
  const existing = plan.find((p) => existsSync(p.dest));
  if (existing !== undefined) {
    throw new CliError(`${existing.dest} already exists.`, {
      code: 'CLI_DESTINATION_EXISTS',
      details: { path: existing.dest },
      fix: 'Pass another destination, or --force to overwrite it.',
    });
  }
}
