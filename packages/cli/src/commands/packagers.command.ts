import type { Command } from 'commander';
import { declarationModeLabel } from '@stowage/core';
import type { DeclarationMode, PackagerDefinition } from '@stowage/core';
import { action } from '../context';
import type { CliIo } from '../io';
import { renderTable } from '../output/table';
import { cliManager } from '../workspace/cli-manager';

/** One row of `stowage packagers`: a packager in rank order. */
export interface PackagerRow {
  readonly rank: number;
  readonly name: string;
  readonly type: string;
  readonly priority: number;
  readonly source: 'builtin' | 'user' | 'fallback';
  readonly packs: readonly string[];
  readonly unpacks: readonly string[];
  readonly defaultArtifactType: string;
  readonly packSubclasses: boolean;
  readonly fullControl: boolean;
  /** How the packager was declared: `legacy`/`standard` decorators or `function` (definePackager). */
  readonly declaredWith: DeclarationMode;
  /** How each pack and unpack method was recorded, e.g. `{ 'pack file': 'standard' }`. */
  readonly methodsDeclaredWith: Readonly<Record<string, DeclarationMode>>;
}

/** Registers `stowage packagers`. */
export function registerPackagersCommand(program: Command, io: CliIo): void {
  program
    .command('packagers')
    .description(
      'list the registered packagers in the order they are tried (use -r to import yours)',
    )
    .action(
      action<[], object>(io, async (ctx) => {
        const { snapshot } = cliManager(io);
        const rows = snapshot.definitions.map((d, i) =>
          rowOf(d, i + 1, d.builtin ? 'builtin' : 'user'),
        );
        if (snapshot.fallback !== undefined)
          rows.push(rowOf(snapshot.fallback, rows.length + 1, 'fallback'));
        ctx.printer.result(rows, () =>
          rows.length === 0
            ? 'No packagers are registered.\n'
            : renderTable(
                rows,
                [
                  { header: '#', value: (r) => String(r.rank), right: true },
                  { header: 'PACKAGER', value: (r) => r.name },
                  { header: 'TYPE', value: (r) => `${r.type}${r.packSubclasses ? '+' : ''}` },
                  { header: 'PRIORITY', value: (r) => String(r.priority), right: true },
                  { header: 'SOURCE', value: (r) => r.source, shrink: true },
                  {
                    header: 'PACKS',
                    value: (r) =>
                      r.fullControl
                        ? '(decides at run time)'
                        : markDefault(r.packs, r.defaultArtifactType),
                    shrink: true,
                  },
                  {
                    header: 'UNPACKS',
                    value: (r) => (r.fullControl ? '(decides at run time)' : r.unpacks.join(', ')),
                    shrink: true,
                  },
                ],
                ctx.style,
              ) + declarationFooter(rows),
        );
      }),
    );
}

function rowOf(d: PackagerDefinition, rank: number, source: PackagerRow['source']): PackagerRow {
  return {
    rank,
    name: d.name,
    type: d.typeName,
    priority: d.priority,
    source,
    packs: Object.keys(d.packMethods),
    unpacks: Object.keys(d.unpackMethods),
    defaultArtifactType:
      typeof d.defaultPackingArtifactType === 'string'
        ? d.defaultPackingArtifactType
        : '(computed)',
    packSubclasses: d.packSubclasses,
    fullControl: d.fullControl,
    declaredWith: d.declaredWith,
    methodsDeclaredWith: Object.fromEntries([
      ...Object.values(d.packMethods).map((m): [string, DeclarationMode] => [
        `pack ${m.artifactType}`,
        m.declaredWith,
      ]),
      ...Object.values(d.unpackMethods).map((m): [string, DeclarationMode] => [
        `unpack ${m.artifactType}`,
        m.declaredWith,
      ]),
    ]),
  };
}

/**
 * The lines under the table: how each user packager was declared (builtins are all legacy
 * decorators), with any method recorded in another mode.
 */
function declarationFooter(rows: readonly PackagerRow[]): string {
  const lines = rows
    .filter((r) => r.source === 'user')
    .map((r) => {
      const odd = Object.entries(r.methodsDeclaredWith)
        .filter(([, m]) => m !== r.declaredWith)
        .map(([method, m]) => `${method} by ${declarationModeLabel(m)}`);
      return `  ${r.name}: ${declarationModeLabel(r.declaredWith)}${odd.length > 0 ? ` (${odd.join(', ')})` : ''}`;
    });
  return lines.length === 0 ? '' : `\nDeclared with:\n${lines.join('\n')}\n`;
}

function markDefault(types: readonly string[], def: string): string {
  return types.map((t) => (t === def ? `${t}*` : t)).join(', ');
}
