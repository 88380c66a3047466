import { Artifact, type ArtifactInit } from './artifact';

/** One column of a dataset. */
export interface DatasetField {
  readonly name: string;
  /** Value type: `int64`, `float64`, `string`, `bool`, `date`, `json`… */
  readonly type: string;
  readonly nullable?: boolean;
}

/** The columns of a dataset. */
export interface DatasetSchema {
  readonly fields: readonly DatasetField[];
}

/** Fields of a {@link DatasetArtifact}. */
export interface DatasetArtifactInit extends ArtifactInit {
  readonly schema?: DatasetSchema;
  readonly rowCount?: number;
  /** The first rows, as JSON-safe records; cut to {@link DatasetArtifact.maxPreviewRows}. */
  readonly preview?: readonly Readonly<Record<string, unknown>>[];
  /** Per-column statistics (min, max, mean, nulls…), JSON-safe. */
  readonly stats?: Readonly<Record<string, unknown>>;
}

/**
 * A table of rows and typed columns (CSV, Parquet, Arrow, JSON lines…).
 *
 * @remarks
 * The record keeps the schema, the row count and a short preview so tools can show a dataset
 * without downloading it. The preview is copied and cut to 20 rows.
 */
export class DatasetArtifact extends Artifact {
  static override readonly kind: string = 'dataset';
  /** How many preview rows a record keeps. */
  static readonly maxPreviewRows = 20;

  schema?: DatasetSchema;
  rowCount?: number;
  preview: Record<string, unknown>[];
  stats?: Record<string, unknown>;

  constructor(init: DatasetArtifactInit) {
    super(init);
    if (init.schema !== undefined)
      this.schema = { fields: init.schema.fields.map((f) => ({ ...f })) };
    if (init.rowCount !== undefined) this.rowCount = init.rowCount;
    if (init.stats !== undefined) this.stats = { ...init.stats };
    this.preview = (init.preview ?? [])
      .slice(0, DatasetArtifact.maxPreviewRows)
      .map((row) => ({ ...row }));
  }

  /** Number of columns in the schema (0 when unknown). */
  get columnCount(): number {
    return this.schema?.fields.length ?? 0;
  }
}
