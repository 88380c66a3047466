import { Artifact, type ArtifactInit } from './artifact';

/** Fields of a {@link DocumentArtifact}. */
export interface DocumentArtifactInit extends ArtifactInit {
  /** `text/plain`, `text/markdown`, `application/pdf`… */
  readonly mimeType?: string;
  readonly title?: string;
  /** Where the document came from (a URL or path), for citations. */
  readonly source?: string;
}

/**
 * A text document (for example a source for retrieval-augmented generation).
 *
 * @remarks
 * A plain text document made from a string: `new DocumentArtifact({ key, body: Buffer.from(text) })`.
 */
export class DocumentArtifact extends Artifact {
  static override readonly kind: string = 'document';

  mimeType?: string;
  title?: string;
  source?: string;

  constructor(init: DocumentArtifactInit) {
    super(init);
    if (init.mimeType !== undefined) this.mimeType = init.mimeType;
    if (init.title !== undefined) this.title = init.title;
    if (init.source !== undefined) this.source = init.source;
  }
}
