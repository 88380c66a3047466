import { Artifact, type ArtifactInit } from './artifact';
import { DatasetArtifact } from './dataset.artifact';
import { DirectoryArtifact } from './directory.artifact';
import { DocumentArtifact } from './document.artifact';
import { LLMPromptArtifact } from './llm-prompt.artifact';
import { ModelArtifact } from './model.artifact';
import { PlotArtifact } from './plot.artifact';

/**
 * An artifact class a record can be read back into: it has a static `kind` and a constructor
 * that accepts an init holding only `key` (the reader then assigns the recorded fields).
 */
export type ArtifactClass = (new (init: ArtifactInit) => Artifact) & { readonly kind: string };

/** The artifact classes Stowage ships, by kind. */
export const BUILTIN_ARTIFACT_CLASSES: readonly ArtifactClass[] = Object.freeze([
  Artifact,
  ModelArtifact,
  DatasetArtifact,
  PlotArtifact,
  DirectoryArtifact,
  LLMPromptArtifact,
  DocumentArtifact,
]);

/**
 * Maps the `kind` discriminator of a record to the class it is read back into.
 *
 * @remarks
 * Immutable: {@link ArtifactKinds.with} returns a new map, so no global list is ever mutated.
 * Pass your own to the repository to read custom artifact kinds:
 * `new StoreArtifactRepository({ store, kinds: ArtifactKinds.builtin().with(MyArtifact) })`.
 * A record of an unknown kind is read as a plain {@link Artifact} that keeps its kind and fields.
 */
export class ArtifactKinds {
  private readonly byKind: ReadonlyMap<string, ArtifactClass>;

  private constructor(classes: readonly ArtifactClass[]) {
    this.byKind = new Map(classes.map((cls) => [cls.kind, cls]));
  }

  /** The builtin kinds: artifact, model, dataset, plot, directory, llm-prompt, document. */
  static builtin(): ArtifactKinds {
    return new ArtifactKinds(BUILTIN_ARTIFACT_CLASSES);
  }

  /** A new map with `classes` added (a class replaces an earlier one of the same kind). */
  with(...classes: ArtifactClass[]): ArtifactKinds {
    return new ArtifactKinds([...this.byKind.values(), ...classes]);
  }

  /** The class of `kind`, or `undefined` when it is unknown. */
  classFor(kind: string): ArtifactClass | undefined {
    return this.byKind.get(kind);
  }

  /** Every known kind. */
  get kinds(): string[] {
    return [...this.byKind.keys()];
  }
}
