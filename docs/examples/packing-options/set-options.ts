// Setting packing options in a string hint and in an object hint.
import { MemoryStore, PackagersManager, type PackedOutput } from '@stowage/core';
import { Table } from './table';
import { TablePackager } from './table-packager';

/** Packs one table twice: as json with two columns, and as csv without a header row. */
export async function main(): Promise<{ asJson: string; asCsv: string; outputs: PackedOutput[] }> {
  const manager = new PackagersManager({ store: new MemoryStore(), packagers: [TablePackager] });
  const table = new Table([
    { id: 1, name: 'ada', team: 'math' },
    { id: 2, name: 'grace', team: 'navy' },
  ]);
  // #region set
  const json = await manager.pack(
    table,
    'users : dataset[format=json, compressionLevel=9, columns=[id, name]]',
  );
  const noHeader = await manager.pack(table, {
    key: 'users',
    artifactType: 'dataset',
    options: { header: 'false' },
  });
  // #endregion
  const text = async (out: PackedOutput | undefined): Promise<string> =>
    out?.kind === 'artifact' ? (await manager.repository!.open(out.artifact.uri!)).getText() : '';
  return { asJson: await text(json), asCsv: await text(noHeader), outputs: [json, noHeader] };
}
