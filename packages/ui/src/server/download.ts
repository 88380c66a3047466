import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { NotFoundError } from '@stowage/core';
import type { StoreView } from '../data/store-view';
import { extensionOf, IMAGE_TYPES } from '../previews/file-types';
import { fileHeaders } from './responses';

/** Files up to this size are read and checked whole before the first byte is sent. */
export const CHECKED_DOWNLOAD_BYTES = 16 * 1024 * 1024;

/** What `/download` was asked for. */
export interface DownloadRequest {
  readonly key: string;
  readonly version: string;
  /** An extra file's name; the primary file when undefined. */
  readonly file?: string;
  /** Show an image in the page instead of saving it (images only; anything else is saved). */
  readonly inline: boolean;
}

/**
 * Sends one stored file of an artifact version.
 *
 * @remarks
 * The file is found by name among the version's recorded files (never by joining a path), so
 * `../` reaches nothing. Every answer is `nosniff` and `Content-Security-Policy: sandbox`; only
 * images may be inline, everything else is an attachment. Files up to 16 MiB are checked against
 * their sha256 before sending (a damaged file is an error page); bigger ones are streamed and the
 * connection is cut if the check fails at the end.
 * @throws NotFoundError when the version or file does not exist; IntegrityError for damaged bytes.
 */
export async function sendDownload(
  view: StoreView,
  req: DownloadRequest,
  res: ServerResponse,
): Promise<void> {
  const artifact = await view.artifacts.read(req.key, { version: req.version });
  const name = req.file ?? artifact.fileName;
  const record =
    req.file === undefined
      ? artifact.fileName !== undefined
        ? { name: artifact.fileName, size: artifact.size }
        : undefined
      : artifact.fileRecords?.find((f) => f.name === req.file);
  if (name === undefined || record === undefined)
    throw new NotFoundError(
      `Artifact "${req.key}" version ${req.version} has no file "${req.file ?? '(primary)'}".`,
      {
        details: { key: req.key, version: req.version, file: req.file },
        fix: 'Pick a file from the Files table of the artifact page.',
      },
    );
  const item = view.artifacts.item(artifact, req.file);
  const image = IMAGE_TYPES[extensionOf(name)];
  const type = req.inline && image !== undefined ? image : 'application/octet-stream';
  const base = name.split('/').pop() ?? 'file';
  const ascii = base.replace(/[^\w.-]/g, '_');
  const disposition = `${req.inline && image !== undefined ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`;
  if ((record.size ?? 0) <= CHECKED_DOWNLOAD_BYTES) {
    const bytes = await item.get();
    res.writeHead(200, fileHeaders(type, disposition, bytes.length));
    res.end(bytes);
    return;
  }
  const stream = await item.stream();
  res.writeHead(200, fileHeaders(type, disposition, record.size));
  await pipeline(stream, res).catch(() => res.destroy());
}
