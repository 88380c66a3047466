// Asking the manager why a packager was chosen, without packing anything.
import { Artifact, Pack, Packager, PackagersManager } from '@stowage/core';
import type { PackExplanation, PackOutput } from '@stowage/core';

export class Shape {}
export class Circle extends Shape {}

@Packager({ type: Shape, priority: 2, packSubclasses: true })
export class ShapePackager {
  @Pack('file')
  packFile(shape: Shape, key: string): PackOutput {
    return { artifact: new Artifact({ key, body: Buffer.from(shape.constructor.name) }) };
  }
}

@Packager({ type: Circle, priority: 4 })
export class CirclePackager {
  @Pack('file')
  packFile(_circle: Circle, key: string): PackOutput {
    return { artifact: new Artifact({ key, body: Buffer.from('circle') }) };
  }
}

/** Explains how a Circle would be packed as a file, and prints the explanation. */
export function main(): Pick<PackExplanation, 'text' | 'candidates' | 'chosen'> {
  const manager = new PackagersManager({ packagers: [ShapePackager, CirclePackager] });
  // #region explain
  const { text, candidates, chosen } = manager.explain(new Circle(), 'c : file');
  console.log(text);
  // #endregion
  return { text, candidates, chosen };
}
