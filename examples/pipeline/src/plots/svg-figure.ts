/** An SVG drawing made by the example (a ROC curve); stored as a `plot` artifact. */
export class SvgFigure {
  constructor(
    /** The complete SVG document. */
    readonly svg: string,
    /** A short title, used as the artifact's description. */
    readonly title: string,
  ) {}
}
