import { DataItem, Pack, Packager, PlotArtifact, Unpack } from '@stowage/core';
import type { ArtifactOutput } from '@stowage/core';
import { SvgFigure } from './svg-figure';

/**
 * Stores an {@link SvgFigure} as a `plot` artifact (`plot.svg`, MIME type `image/svg+xml`) and
 * reads it back.
 */
@Packager({
  type: SvgFigure,
  name: 'example.SvgFigurePackager',
  defaultPackingArtifactType: 'plot',
})
export class SvgFigurePackager {
  /** Writes the SVG document as the artifact's only file. */
  @Pack('plot')
  packPlot(figure: SvgFigure, key: string): ArtifactOutput {
    const artifact = new PlotArtifact({
      key,
      body: Buffer.from(figure.svg),
      fileName: 'plot.svg',
      description: figure.title,
    });
    return { artifact, instructions: { title: figure.title } };
  }

  /** Reads the SVG document back. */
  @Unpack('plot')
  async unpackPlot(item: DataItem, instructions: { title?: string }): Promise<SvgFigure> {
    return new SvgFigure(await item.getText(), instructions.title ?? item.key);
  }
}
