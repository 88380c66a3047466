import {
  CollectionError,
  PackagersManager,
  type ContainerLike,
  type Injectable,
  type PackOutput,
} from '@stowage/core';
import { bundlerFor, managerUnbundler } from '../../src/bundling/manager-ports';
import { Bundle } from '../../src/decorators/bundle.decorator';
import { Pack } from '../../src/decorators/pack.decorator';
import { Packager } from '../../src/decorators/packager.decorator';
import { Unbundle } from '../../src/decorators/unbundle.decorator';

/** A container that builds a new instance on every `get` and counts the calls. */
class TransientContainer implements ContainerLike {
  readonly calls: Injectable[] = [];
  get<T>(cls: Injectable<T>): T {
    this.calls.push(cls);
    return new (cls as unknown as new () => T)();
  }
}

class Deck {
  constructor(readonly cards: readonly string[]) {}
}

let built = 0;

@Packager({ type: Deck, defaultPackingArtifactType: 'result', bundleFromList: true })
class DeckPackager {
  readonly id = ++built;
  @Pack('result')
  packResult(deck: Deck): PackOutput {
    return { result: deck.cards.length };
  }
  @Unbundle()
  unbundle(deck: Deck): string[] {
    return deck.cards.map((c) => `${c}#${this.id}`);
  }
  @Bundle()
  bundle(cards: string[]): Deck {
    return new Deck(cards.map((c) => `${c}#${this.id}`));
  }
}

class Unbuildable {}

@Packager({ type: Unbuildable, defaultPackingArtifactType: 'result' })
class UnbuildablePackager {
  constructor() {
    throw new Error('no services here');
  }
  @Unbundle()
  unbundle(): string[] {
    return [];
  }
}

function setup(): { manager: PackagersManager; container: TransientContainer } {
  const container = new TransientContainer();
  const manager = new PackagersManager({
    packagers: [DeckPackager, UnbuildablePackager],
    fallback: null,
    container,
  });
  return { manager, container };
}

describe('manager bundle ports', () => {
  describe('when bundling and unbundling with a packager', () => {
    it('should use the instance the manager holds, built once by the container', () => {
      const { manager, container } = setup();
      const definition = manager.snapshot.byName('DeckPackager');
      const instance = manager.instanceOf(definition!) as DeckPackager;

      const split = managerUnbundler(manager)(new Deck(['a', 'b']), 'deck');
      const bundled = bundlerFor(manager, Deck, 'list')?.(['c'], 'list');

      expect(split).toEqual({ from: 'list', items: [`a#${instance.id}`, `b#${instance.id}`] });
      expect(bundled).toEqual(new Deck([`c#${instance.id}`]));
      expect(container.calls.filter((c) => c === DeckPackager)).toHaveLength(1);
      expect(manager.instanceOf(definition!)).toBe(instance);
    });
  });

  describe('when the container cannot build the packager', () => {
    it('should throw CollectionError COLLECTION_INSTANTIATION_FAILED from instanceOf', () => {
      const { manager } = setup();
      const definition = manager.snapshot.byName('UnbuildablePackager');

      const error = ((): unknown => {
        try {
          manager.instanceOf(definition!);
        } catch (e) {
          return e;
        }
        return undefined;
      })();

      expect(error).toBeInstanceOf(CollectionError);
      expect(error).toMatchObject({ code: 'COLLECTION_INSTANTIATION_FAILED' });
    });
  });
});
