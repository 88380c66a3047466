import { encodeArtifactRecord } from '@stowage/core/internal';
import type { Artifact } from '@stowage/core';
import type { StoreView } from '../data/store-view';
import { formatBytes, formatTime, formatValue } from '../html/format';
import { href, html, type SafeHtml } from '../html/html';
import { headedTable } from '../html/table';
import { previewOf } from '../previews/preview';
import { lineageOfArtifact } from './lineage';
import { metricsHref } from './metric-chart';
import { thrownErrorBox } from '../html/error-box';
import { artifactLink, fieldList, labelList, runLink } from './page-parts';

/** One artifact version: record, packaging, files with downloads, preview, lineage, versions. */
export async function artifactPage(
  view: StoreView,
  key: string,
  version: string | undefined,
): Promise<{ title: string; body: SafeHtml }> {
  const info = await view.keyInfo(key);
  let artifact: Artifact;
  try {
    artifact = await view.artifacts.read(key, version !== undefined ? { version } : {});
  } catch (error) {
    // A damaged record: say so, with the versions around it, and keep serving.
    return {
      title: `Artifact ${key}`,
      body: html`${thrownErrorBox(error, 'This version cannot be read')}${versionList(key, info.versions, version)}`,
    };
  }
  const v = artifact.version ?? '';
  const files = [
    ...(artifact.fileName !== undefined
      ? [
          {
            name: artifact.fileName,
            size: artifact.size ?? 0,
            sha256: artifact.sha256 ?? '',
            primary: true,
          },
        ]
      : []),
    ...(artifact.fileRecords ?? []).map((f) => ({ ...f, primary: false })),
  ];
  const p = artifact.packaging;
  const tags = info.tags.filter((t) => t.version === v).map((t) => t.tag);
  return {
    title: `Artifact ${key}`,
    body: html`${fieldList([
        ['key', key],
        ['kind', artifact.kind],
        ['version', html`<code>${v}</code>`],
        ['uri', html`<code>${artifact.uri ?? ''}</code>`],
        ['tags', tags.join(', ')],
        ['created', formatTime(artifact.createdAt)],
        [
          'made by run',
          artifact.producer !== undefined
            ? runLink(artifact.producer.runId, artifact.producer.name ?? artifact.producer.runId)
            : undefined,
        ],
        ['format', artifact.format],
        ['description', artifact.description],
        [
          'labels',
          Object.keys(artifact.labels).length > 0 ? labelList(artifact.labels) : undefined,
        ],
        [
          'integrity',
          artifact.sha256 !== undefined ? html`sha256 <code>${artifact.sha256}</code>` : undefined,
        ],
      ])}
      <h2>Preview</h2>
      ${await previewOf(view, artifact)}
      <h2>Files</h2>
      ${
        files.length === 0
          ? html`<p class="muted">No stored files.</p>`
          : headedTable(
              ['name', 'size', 'sha256', 'download'],
              files.map(
                (f) =>
                  html`<tr>
                    <td>
                      ${f.name}${f.primary ? html` <span class="muted">(primary)</span>` : ''}
                    </td>
                    <td class="num">${formatBytes(f.size)}</td>
                    <td><code>${f.sha256}</code></td>
                    <td>
                      <a
                        href="${href('/download', { key, version: v, file: f.primary ? undefined : f.name })}"
                        download
                        >download ${f.name}</a
                      >
                    </td>
                  </tr>`,
              ),
            )
      }
      <h2>Packaging</h2>
      ${
        p === undefined
          ? html`<p class="muted">No packaging record: read the bytes as they are.</p>`
          : html`${fieldList([
                ['packager', html`<code>${p.packager}</code>`],
                ['object type', p.objectType],
                ['artifact type', p.artifactType],
                [
                  'written by',
                  `node ${p.runtime.node}, stowage ${p.runtime.stowage}${Object.entries(
                    p.runtime.packages ?? {},
                  )
                    .map(([n, ver]) => `, ${n} ${ver}`)
                    .join('')}`,
                ],
              ])}
              <h3>Unpacking instructions</h3>
              <pre>${JSON.stringify(p.instructions, null, 2)}</pre>
              <p>
                Read it back with <code>stowage get ${artifact.uri ?? key}</code>, or in code with
                <code>repository.open('${artifact.uri ?? key}')</code>.
              </p>`
      }
      ${
        // A model's preview already lists its extra data.
        Object.keys(artifact.extraData).length > 0 && artifact.kind !== 'model'
          ? html`<h2>Extra data</h2>
              <pre>${formatValue(artifact.extraData, 20000)}</pre>`
          : ''
      }
      <h2>Lineage</h2>
      ${await lineageOfArtifact(view, artifact)}
      <h2>Record</h2>
      <details>
        <summary>The stored record (JSON)</summary>
        <pre>${JSON.stringify(encodeArtifactRecord(artifact), null, 2)}</pre>
      </details>
      ${versionList(key, info.versions, v)}`,
  };
}

function versionList(
  key: string,
  versions: readonly string[],
  current: string | undefined,
): SafeHtml {
  const shown = versions.slice(0, 100);
  return html`<h2>Versions (${versions.length}, newest first)</h2>
    <p><a href="${metricsHref(key)}">Chart the metrics of these versions</a></p>
    <ul>
      ${shown.map(
        (ver) =>
          html`<li>
            ${ver === current ? html`<strong><code>${ver}</code> (this one)</strong>` : artifactLink(key, ver, html`<code>${ver}</code>`)}
          </li>`,
      )}
    </ul>
    ${versions.length > shown.length ? html`<p class="muted">${versions.length - shown.length} older versions not shown.</p>` : ''}`;
}
