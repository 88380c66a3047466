import type { Artifact, ArtifactStorage } from '@stowage/core';
import type { ArtifactRecordJson } from '@stowage/core/internal';
import type { TerminalStyle } from './terminal';
import { cellLimit } from './terminal';
import { formatBytes, formatLabels, formatTime, formatValue } from './format';
import { renderFields, renderTable } from './table';

/** Fields {@link renderArtifact} shows in its own sections; the rest are listed under "Fields". */
const SHOWN = new Set([
  'blobFiles',
  'inlineFiles',
  'schemaVersion',
  'kind',
  'key',
  'version',
  'uri',
  'tag',
  'createdAt',
  'size',
  'sha256',
  'format',
  'fileName',
  'description',
  'labels',
  'producer',
  'packaging',
  'fileRecords',
  'extraData',
  'schema',
  'rowCount',
  'preview',
  'stats',
]);

/** The table of `stowage artifacts`. */
export function renderArtifactList(artifacts: readonly Artifact[], style: TerminalStyle): string {
  if (artifacts.length === 0) return 'No artifacts match.\n';
  return renderTable(
    artifacts,
    [
      { header: 'KEY', value: (a) => a.key },
      { header: 'KIND', value: (a) => a.kind, shrink: true },
      { header: 'VERSION', value: (a) => a.version ?? '' },
      { header: 'TAG', value: (a) => a.tag ?? '' },
      { header: 'SIZE', value: (a) => formatBytes(totalSize(a)), right: true },
      { header: 'CREATED', value: (a) => formatTime(a.createdAt) },
      { header: 'RUN', value: (a) => a.producer?.runId ?? '' },
    ],
    style,
  );
}

/** Bytes of the primary file plus every extra file. */
export function totalSize(a: Artifact): number {
  return (a.size ?? 0) + (a.fileRecords ?? []).reduce((sum, f) => sum + f.size, 0);
}

/** A named tag that names the version shown, and how many times it was moved (its history). */
export interface VersionTag {
  readonly tag: string;
  readonly moves: number;
}

/** `prod (3 moves), staging (1 move)`; `undefined` when there are none. */
function formatVersionTags(tags: readonly VersionTag[] | undefined): string | undefined {
  if (tags === undefined || tags.length === 0) return undefined;
  return tags.map((t) => `${t.tag} (${t.moves} move${t.moves === 1 ? '' : 's'})`).join(', ');
}

/**
 * The full view of one artifact: record, files, packaging, kind fields and a preview.
 *
 * @param tags - The named tags that name this version now, with their history counts.
 * @param storage - Its logical and stored size (files shared with other versions by content).
 */
export function renderArtifact(
  a: Artifact,
  record: ArtifactRecordJson,
  preview: string | undefined,
  style: TerminalStyle,
  tags?: readonly VersionTag[],
  storage?: ArtifactStorage,
): string {
  const p = a.packaging;
  const parts = [
    renderFields([
      ['key', a.key],
      ['kind', a.kind],
      ['uri', a.uri],
      ['version', a.version],
      ['tag', a.tag],
      ['tags', formatVersionTags(tags)],
      ['created', formatTime(a.createdAt)],
      [
        'run',
        a.producer === undefined
          ? undefined
          : `${a.producer.runId}${a.producer.name ? ` (${a.producer.name})` : ''}`,
      ],
      ['format', a.format],
      ['description', a.description],
      ['labels', Object.keys(a.labels).length === 0 ? undefined : formatLabels(a.labels)],
    ]),
  ];
  const files = [
    ...(a.fileName !== undefined
      ? [{ name: a.fileName, size: a.size ?? 0, sha256: a.sha256 ?? '' }]
      : []),
    ...(a.fileRecords ?? []),
  ];
  if (files.length > 0) {
    parts.push(
      '\nFiles\n',
      renderTable(
        files,
        [
          { header: 'NAME', value: (f) => f.name },
          { header: 'SIZE', value: (f) => formatBytes(f.size), right: true },
          { header: 'SHA256', value: (f) => f.sha256 },
        ],
        style,
      ),
    );
  }
  if (storage !== undefined && storage.files.length > 0) parts.push(renderStorage(storage));
  if (p !== undefined) {
    parts.push(
      '\nPackaging\n',
      renderFields([
        ['packager', p.packager],
        ['object type', p.objectType],
        ['artifact type', p.artifactType],
        ['instructions', formatValue(p.instructions, cellLimit(style, 200))],
        [
          'written by',
          `node ${p.runtime.node}, stowage ${p.runtime.stowage}${formatPackages(p.runtime.packages)}`,
        ],
      ]),
    );
  }
  const extra = Object.entries(record).filter(
    ([name, value]) => !SHOWN.has(name) && !isEmpty(value),
  );
  if (Object.keys(a.extraData).length > 0) extra.push(['extraData', a.extraData]);
  if (extra.length > 0)
    parts.push(
      '\nFields\n',
      renderFields(extra.map(([k, v]) => [k, formatValue(v, cellLimit(style, 200))])),
    );
  parts.push(datasetSection(record, style));
  if (preview !== undefined)
    parts.push('\nPreview\n', preview.endsWith('\n') ? preview : `${preview}\n`);
  return parts.join('');
}

function datasetSection(record: ArtifactRecordJson, style: TerminalStyle): string {
  const schema = record['schema'] as
    { fields?: { name: string; type: string; nullable?: boolean }[] } | undefined;
  const preview = record['preview'] as Record<string, unknown>[] | undefined;
  const parts: string[] = [];
  if (schema?.fields !== undefined && schema.fields.length > 0) {
    const rows = typeof record['rowCount'] === 'number' ? ` (${record['rowCount']} rows)` : '';
    parts.push(
      `\nSchema${rows}\n`,
      renderTable(
        schema.fields,
        [
          { header: 'FIELD', value: (f) => f.name },
          {
            header: 'TYPE',
            value: (f) => `${f.type}${f.nullable === true ? '?' : ''}`,
            shrink: true,
          },
        ],
        style,
      ),
    );
  }
  parts.push(statsSection(record, style));
  if (preview !== undefined && preview.length > 0) {
    const names = [...new Set(preview.flatMap((row) => Object.keys(row)))];
    parts.push(
      `\nPreview (first ${preview.length} rows)\n`,
      renderTable(
        preview,
        names.map((n) => ({
          header: n,
          value: (row: Record<string, unknown>) => formatValue(row[n], cellLimit(style, 30)),
          shrink: true,
        })),
        style,
      ),
    );
  }
  return parts.join('');
}

type ColumnStatsJson = Readonly<Record<string, unknown>>;

function topText(stats: ColumnStatsJson, style: TerminalStyle): string {
  const top = stats['top'];
  if (!Array.isArray(top)) return '';
  const text = (top as { value?: unknown; count?: unknown }[])
    .slice(0, 3)
    .map((t) => `${formatValue(t.value, cellLimit(style, 20))} (${formatValue(t.count)})`)
    .join(', ');
  return stats['topExact'] === false ? `≈ ${text}` : text;
}

/** Per-column statistics of a dataset record (`stats`, as `@stowage/tables` writes them). */
function statsSection(record: ArtifactRecordJson, style: TerminalStyle): string {
  const stats = record['stats'];
  if (stats === null || typeof stats !== 'object' || Array.isArray(stats)) return '';
  const rows = Object.entries(stats as Record<string, unknown>)
    .filter(
      (entry): entry is [string, ColumnStatsJson] =>
        typeof entry[1] === 'object' && entry[1] !== null,
    )
    .map(([name, s]) => ({ name, s }));
  if (rows.length === 0) return '';
  const cell =
    (field: string) =>
    (r: { s: ColumnStatsJson }): string =>
      r.s[field] === undefined ? '' : formatValue(r.s[field], cellLimit(style, 24));
  return [
    '\nStats\n',
    renderTable(
      rows,
      [
        { header: 'COLUMN', value: (r) => r.name },
        { header: 'COUNT', value: cell('count'), right: true },
        { header: 'NULLS', value: cell('nulls'), right: true },
        { header: 'MIN', value: cell('min'), shrink: true },
        { header: 'MAX', value: cell('max'), shrink: true },
        { header: 'MEAN', value: cell('mean'), right: true },
        { header: 'STD', value: cell('std'), right: true },
        {
          header: 'DISTINCT',
          value: (r) =>
            r.s['distinct'] === undefined
              ? ''
              : `${r.s['distinctExact'] === false ? '≈' : ''}${formatValue(r.s['distinct'])}`,
          right: true,
        },
        { header: 'TOP', value: (r) => topText(r.s, style), shrink: true },
      ],
      style,
    ),
  ].join('');
}

function formatPackages(packages: Readonly<Record<string, string>> | undefined): string {
  const list = Object.entries(packages ?? {}).map(([name, version]) => `${name} ${version}`);
  return list.length === 0 ? '' : `, ${list.join(', ')}`;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** The logical and stored size of an artifact version (shared blobs counted apart). */
function renderStorage(storage: ArtifactStorage): string {
  const sharers = new Set(storage.files.flatMap((f) => f.sharedWith)).size;
  const shared =
    storage.sharedBytes > 0
      ? `, ${formatBytes(storage.sharedBytes)} shared with ${sharers} other version(s)`
      : '';
  return (
    '\nStorage\n' +
    renderFields([
      ['logical size', formatBytes(storage.logicalBytes)],
      ['stored', `${formatBytes(storage.storedBytes)} of its own${shared}`],
      [
        'deduplicated',
        storage.files
          .filter((f) => f.where === 'blob')
          .map((f) => f.name)
          .join(', ') || undefined,
      ],
      [
        'inside the record',
        storage.files
          .filter((f) => f.where === 'record')
          .map((f) => f.name)
          .join(', ') || undefined,
      ],
    ])
  );
}
