/**
 * The class instance used by the serializer cases: 8 fields, including a Date and a nested array.
 *
 * @remarks
 * Python's reference (`python.reference.ts`) builds the same shape as a Python class.
 */
export class BenchRecord {
  constructor(
    public id: number,
    public name: string,
    public score: number,
    public active: boolean,
    public createdAt: Date,
    public tags: string[],
    public matrix: number[][],
    public note: string | null,
  ) {}

  /** A method, so a revived instance can be told apart from plain data. */
  label(): string {
    return `${this.id}:${this.name}`;
  }
}

/** `count` records with varied values (deterministic). */
export function makeRecords(count: number): BenchRecord[] {
  const records: BenchRecord[] = [];
  const epoch = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i += 1) {
    records.push(
      new BenchRecord(
        i,
        `record-${i}`,
        i * 0.37,
        i % 2 === 0,
        new Date(epoch + i * 1000),
        ['alpha', `t${i % 10}`],
        [
          [i, i + 1],
          [i + 2, i + 3],
        ],
        i % 3 === 0 ? null : 'note',
      ),
    );
  }
  return records;
}

/** Throws unless `value` is an array of `count` records that kept their class and Date. */
export function checkRecords(value: unknown, count: number, classKept: boolean): void {
  if (!Array.isArray(value) || value.length !== count) {
    throw new Error(`decoded value is not an array of ${count} records`);
  }
  const last: unknown = value[count - 1];
  if (classKept && !(last instanceof BenchRecord)) throw new Error('decoded record lost its class');
  const createdAt = (last as { createdAt?: unknown }).createdAt;
  if (!(createdAt instanceof Date)) throw new Error('decoded record lost its Date');
}
