// Pattern 2, unpack only: CSV files another tool dropped into the store, read as Tables.
import { Artifact, MemoryStore, PackagersManager, Packager, Unpack } from '@stowage/core';
import type { DataItem } from '@stowage/core';

/** A small table of string cells. */
export class Table {
  constructor(
    readonly columns: readonly string[],
    readonly rows: readonly (readonly string[])[],
  ) {}
  static parseCsv(text: string, delimiter: string): Table {
    const [head = '', ...lines] = text.trim().split('\n');
    return new Table(
      head.split(delimiter),
      lines.map((line) => line.split(delimiter)),
    );
  }
}

// #region reader
@Packager({ type: Table, name: 'tables.CsvReader', defaultUnpackingArtifactType: 'file' })
export class CsvTableReader {
  @Unpack('file')
  async unpackFile(item: DataItem, instructions: { delimiter?: string }): Promise<Table> {
    return Table.parseCsv(await item.getText(), instructions.delimiter ?? ',');
  }
}
// #endregion

/** Stores a CSV file by hand (no packaging record), then unpacks it as a Table. */
export async function main(): Promise<Table> {
  const store = new MemoryStore();
  const manager = new PackagersManager({ store, packagers: [CsvTableReader] });
  const repository = manager.repository!;
  const csv = 'id,name\n1,ada\n2,grace\n';
  await repository.log(new Artifact({ key: 'exported-users', body: Buffer.from(csv) }));
  // #region unpack
  const item = await repository.open('store://exported-users');
  const users = await manager.unpack(item, Table);
  // #endregion
  return users;
}
