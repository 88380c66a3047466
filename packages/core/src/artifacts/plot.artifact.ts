import { Artifact, type ArtifactInit } from './artifact';

/** Fields of a {@link PlotArtifact}. */
export interface PlotArtifactInit extends ArtifactInit {
  /** `image/png`, `image/svg+xml`, `text/html`, `application/vnd.vegalite+json`… */
  readonly mimeType?: string;
  readonly width?: number;
  readonly height?: number;
}

const FORMAT_MIME: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  svg: 'image/svg+xml',
  html: 'text/html',
  json: 'application/json',
};

/**
 * A chart or image to show next to a run (PNG, SVG, HTML, a Vega-Lite spec…).
 *
 * @remarks
 * When `mimeType` is omitted it is derived from `format` or the file name's extension.
 */
export class PlotArtifact extends Artifact {
  static override readonly kind: string = 'plot';

  mimeType?: string;
  width?: number;
  height?: number;

  constructor(init: PlotArtifactInit) {
    super(init);
    const ext = (init.format ?? init.fileName?.split('.').pop() ?? '').toLowerCase();
    const mimeType = init.mimeType ?? FORMAT_MIME[ext];
    if (mimeType !== undefined) this.mimeType = mimeType;
    if (init.width !== undefined) this.width = init.width;
    if (init.height !== undefined) this.height = init.height;
  }
}
