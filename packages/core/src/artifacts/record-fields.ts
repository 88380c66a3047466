import { inlineFilesProblem } from './inline-files';

const SHA256 = /^[0-9a-f]{64}$/;
const STRING_FIELDS = ['fileName', 'version', 'uri', 'tag', 'format', 'createdAt'] as const;

function isSize(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function fileRecordProblem(entry: unknown, i: number): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    return `"fileRecords[${i}]" is not an object`;
  const { name, size, sha256 } = entry as Record<string, unknown>;
  if (typeof name !== 'string' || name === '') return `"fileRecords[${i}].name" is not a name`;
  if (!isSize(size)) return `"fileRecords[${i}].size" is not a byte count`;
  if (sha256 !== undefined && (typeof sha256 !== 'string' || !SHA256.test(sha256)))
    return `"fileRecords[${i}].sha256" is not a sha256`;
  return undefined;
}

function blobFilesProblem(blobFiles: unknown): string | undefined {
  if (blobFiles === undefined) return undefined;
  if (!Array.isArray(blobFiles)) return '"blobFiles" is not a list';
  for (const [i, name] of blobFiles.entries())
    if (typeof name !== 'string' || name === '') return `"blobFiles[${i}]" is not a name`;
  return undefined;
}

/**
 * Why the fields of an artifact record that reads depend on are impossible, or `undefined`.
 *
 * @remarks
 * `size` (and each `fileRecords[].size`) must be a safe integer ≥ 0, `sha256` 64 lowercase hex
 * digits, and names and versions strings: a read never sizes a buffer or builds a path from
 * anything else. Absent fields are fine (an artifact without bytes has no size). @internal
 */
export function validateRecordFields(
  record: Readonly<Record<string, unknown>>,
): string | undefined {
  const { size, sha256, fileRecords, blobFiles, inlineFiles } = record;
  const placed = blobFilesProblem(blobFiles) ?? inlineFilesProblem(inlineFiles);
  if (placed !== undefined) return placed;
  if (size !== undefined && !isSize(size))
    return `"size" is ${String(JSON.stringify(size)).slice(0, 40)}, not a byte count`;
  if (sha256 !== undefined && (typeof sha256 !== 'string' || !SHA256.test(sha256)))
    return `"sha256" is not a sha256`;
  for (const name of STRING_FIELDS) {
    if (record[name] !== undefined && typeof record[name] !== 'string')
      return `"${name}" is not a string`;
  }
  if (fileRecords === undefined) return undefined;
  if (!Array.isArray(fileRecords)) return '"fileRecords" is not a list';
  for (const [i, entry] of fileRecords.entries()) {
    const problem = fileRecordProblem(entry, i);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
