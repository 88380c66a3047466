// Pattern 1, pack only: a chart is written once and looked at by people.
// #region chart
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Artifact, Option, Pack, Packager, type PackContext, type PackOutput } from '@stowage/core';
import { Chart } from './chart';

class ChartImageOptions {
  @Option({ allowed: ['png', 'svg'] }) format = 'png';
  @Option() width = 800;
}

@Packager({ type: Chart, name: 'charts.ChartPackager' })
export class ChartPackager {
  @Pack('plot', { options: ChartImageOptions })
  async packPlot(
    chart: Chart,
    key: string,
    options: ChartImageOptions,
    ctx: PackContext,
  ): Promise<PackOutput> {
    const dir = await ctx.tempDir();
    const path = join(dir, `chart.${options.format}`);
    await writeFile(path, await chart.render(options.format, options.width));
    return { artifact: new Artifact({ key, body: { path }, fileName: `chart.${options.format}` }) };
  }
}
// #endregion
import { MemoryStore, PackagersManager, type PackedOutput } from '@stowage/core';

/** Packs a chart as an SVG plot, then tries (and fails) to unpack it as a Chart. */
export async function main(): Promise<{ out: PackedOutput; unpackError: unknown }> {
  const manager = new PackagersManager({ store: new MemoryStore(), packagers: [ChartPackager] });
  const out = await manager.pack(new Chart('accuracy'), 'accuracy-curve : plot[format=svg]');
  const uri = out.kind === 'artifact' ? (out.artifact.uri as string) : '';
  const unpackError = await manager
    .unpack(await manager.repository!.open(uri), Chart)
    .then(() => undefined)
    .catch((error: unknown) => error);
  return { out, unpackError };
}
