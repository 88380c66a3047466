import {
  CollectionError,
  PackagersManager,
  type ContainerLike,
  type Injectable,
  type PackOutput,
} from '@stowage/core';
import { bundlerOf, unbundlerOf } from '../../src/manager/bundle-methods';
import { PackagerInstances } from '../../src/manager/packager-instances';
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

function setup(): {
  manager: PackagersManager;
  container: TransientContainer;
  instances: PackagerInstances;
} {
  const container = new TransientContainer();
  const manager = new PackagersManager({
    packagers: [DeckPackager, UnbuildablePackager],
    fallback: null,
    container,
  });
  return { manager, container, instances: new PackagerInstances(container) };
}

describe('manager bundle methods', () => {
  describe('when bundling and unbundling with a packager', () => {
    it('should use the instance the manager holds, built once by the container', async () => {
      const { manager, container } = setup();

      const report = await manager
        .outputs()
        .add(new Deck(['a', 'b']), '*deck : result')
        .commit();
      const open = (): never => {
        throw new Error('not opened');
      };
      const bundled = manager.bundlePorts(open).bundler(Deck, 'list')?.(['c'], 'list');

      const id = (bundled as Deck).cards[0]?.split('#')[1];
      expect(report.structures).toEqual({ deck: [`a#${id}`, `b#${id}`] });
      expect(bundled).toEqual(new Deck([`c#${id}`]));
      expect(container.calls.filter((c) => c === DeckPackager)).toHaveLength(1);
    });

    it('should find them through the snapshot for one set of instances', () => {
      const { manager, instances } = setup();
      const split = unbundlerOf(manager.snapshot, instances)(new Deck(['a']), 'deck');
      const bundled = bundlerOf(manager.snapshot, instances, Deck, 'list')?.(['c'], 'list');
      const id = (bundled as Deck).cards[0]?.split('#')[1];
      expect(split).toEqual({ from: 'list', items: [`a#${id}`] });
    });
  });

  describe('when the container cannot build the packager', () => {
    it('should throw CollectionError COLLECTION_INSTANTIATION_FAILED from the instances', () => {
      const { manager, instances } = setup();
      const definition = manager.snapshot.byName('UnbuildablePackager');

      const error = ((): unknown => {
        try {
          instances.get(definition!);
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
