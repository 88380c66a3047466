// The type of Pattern 1: a chart that can draw itself (a stand-in for a plotting library).
export class Chart {
  constructor(readonly title: string) {}
  async render(format: string, width: number): Promise<string> {
    return Promise.resolve(`<${format} width="${width}">${this.title}</${format}>`);
  }
}
