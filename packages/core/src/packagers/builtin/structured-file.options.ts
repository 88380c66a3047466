import { Option } from '../../decorators/option.decorator';

/** Packing options of a list as a `file`. */
export class ListFileOptions {
  /** The file format: `json` (default), `jsonl`, `yaml`, or `csv` (a list of records). */
  @Option({ allowed: ['json', 'jsonl', 'yaml', 'csv'], description: 'File format' })
  format = 'json';
}

/** Packing options of a record, Map or Set as a `file`. */
export class RecordFileOptions {
  /** The file format: `json` (default) or `yaml`. */
  @Option({ allowed: ['json', 'yaml'], description: 'File format' })
  format = 'json';
}
