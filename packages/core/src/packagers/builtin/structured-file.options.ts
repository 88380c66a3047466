import { Option } from '../../decorators/option.decorator';

/** Packing options of a list as a `file`. */
export class ListFileOptions {
  /** The file format: `json` (default), `jsonl`, `yaml`, or `csv` (a list of records). */
  @Option({ allowed: ['json', 'jsonl', 'yaml', 'csv'], description: 'File format' })
  format = 'json';
}

/** Packing options of a Map or Set as a `file`. */
export class RecordFileOptions {
  /** The file format: `json` (default), `jsonl` (one member or `[key, value]` entry per line) or `yaml`. */
  @Option({ allowed: ['json', 'jsonl', 'yaml'], description: 'File format' })
  format = 'json';
}

/** Packing options of a list as a `dataset`. */
export class DatasetOptions {
  /** The file format: `csv` (default) or `jsonl` (one record per line). */
  @Option({ allowed: ['csv', 'jsonl'], description: 'File format' })
  format = 'csv';

  /** How many first rows the record keeps as its preview: 0 to 20 (default 20, the most). */
  @Option({ description: 'Rows kept in the preview (0-20)' })
  previewRows = 20;

  /** Compute per-column statistics (count, nulls, min/max/mean/std, distinct, top) while packing (default true). */
  @Option({ description: 'Compute per-column statistics' })
  stats = true;
}
