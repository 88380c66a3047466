/** Image formats the UI shows inline in an `<img>` (SVG too: scripts never run in an image). */
export const IMAGE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

/** Formats shown as (escaped) text. HTML and XML are text here: they are never rendered. */
export const TEXT_FORMATS = new Set([
  'txt',
  'text',
  'log',
  'md',
  'markdown',
  'json',
  'jsonl',
  'ndjson',
  'yaml',
  'yml',
  'csv',
  'tsv',
  'xml',
  'html',
  'htm',
  'toml',
  'ini',
]);

/** The lower-case extension of a file name, or ''. */
export function extensionOf(name: string | undefined): string {
  const dot = name?.lastIndexOf('.') ?? -1;
  return name === undefined || dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}
