// The value type of the dependency-injection examples: a tiny model.
export class Model {
  constructor(
    readonly name: string,
    readonly weights: readonly number[],
  ) {}
}
