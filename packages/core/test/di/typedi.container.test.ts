import 'reflect-metadata';
import { Container, ContainerInstance, Service } from 'typedi';
import { Pack } from '../../src/decorators/pack.decorator';
import { Packager } from '../../src/decorators/packager.decorator';
import type { ContainerLike, Injectable } from '../../src/di/container-like';
import { TypediContainer } from '../../src/di/typedi.container';
import { CollectionError } from '../../src/errors/collection.error';
import { PackagersManager } from '../../src/manager/packagers-manager';
import type { PackOutput } from '../../src/packagers/pack-context';
import { expectStowageRejection } from '../helpers/expect-stowage-error';

class Temperature {
  constructor(readonly celsius: number) {}
}

@Service()
class UnitService {
  readonly unit = 'F';
  convert(celsius: number): number {
    return (celsius * 9) / 5 + 32;
  }
}

@Packager({ type: Temperature })
class TemperaturePackager {
  constructor(private readonly units: UnitService) {}

  @Pack('result') packResult(t: Temperature): PackOutput {
    return { result: `${this.units.convert(t.celsius)}${this.units.unit}` };
  }
}

const quiet = { warn: (): void => undefined };
let ids = 0;
const freshId = (): string => `di-test-${++ids}`;

describe('TypediContainer', () => {
  describe('when no container is given', () => {
    it('should use a private container, never the global one', () => {
      const a = new TypediContainer();
      const b = new TypediContainer();
      expect(a.instance).not.toBe(b.instance);
      expect(a.instance).not.toBe(Container.of());
      expect(a.get(UnitService)).not.toBe(b.get(UnitService));
      expect(a.get(UnitService)).toBe(a.get(UnitService));
    });
  });

  describe('when a user container is wrapped', () => {
    it('should resolve from it and register values in it', () => {
      const instance = new ContainerInstance(freshId());
      const adapter = new TypediContainer(instance);
      const units = new UnitService();
      adapter.set(UnitService, units);
      expect(instance.get(UnitService)).toBe(units);
      expect(adapter.get(UnitService)).toBe(units);
    });
  });

  describe('when a packager has a constructor dependency', () => {
    it('should inject the @Service into the packager built by the manager', async () => {
      const manager = new PackagersManager({
        packagers: [TemperaturePackager],
        fallback: null,
        warnings: quiet,
      });
      expect(await manager.pack(new Temperature(100), 't : result')).toMatchObject({
        value: '212F',
      });
    });

    it('should use the instance registered in the user container', async () => {
      const instance = new ContainerInstance(freshId());
      instance.set({
        id: UnitService,
        type: null,
        value: { unit: 'K', convert: (c: number) => c + 273 },
      } as never);
      const manager = new PackagersManager({
        packagers: [TemperaturePackager],
        fallback: null,
        warnings: quiet,
        container: new TypediContainer(instance),
      });
      expect(await manager.pack(new Temperature(0), 't : result')).toMatchObject({ value: '273K' });
    });
  });

  describe('when a service needs the manager', () => {
    @Service()
    class ReportService {
      constructor(readonly manager: PackagersManager) {}
    }

    it('should receive the manager registered in the same container', () => {
      const instance = new ContainerInstance(freshId());
      const manager = new PackagersManager({
        packagers: [],
        fallback: null,
        warnings: quiet,
        container: new TypediContainer(instance),
      });
      expect(instance.get(ReportService).manager).toBe(manager);
    });

    it('should not register itself when provideSelf is false', () => {
      const instance = new ContainerInstance(freshId());
      new PackagersManager({
        packagers: [],
        fallback: null,
        warnings: quiet,
        container: new TypediContainer(instance),
        provideSelf: false,
      });
      expect(instance.has(PackagersManager)).toBe(false);
    });
  });

  describe('when another container is plugged in', () => {
    it('should build packagers through ContainerLike.get', async () => {
      const built: Injectable[] = [];
      const plain: ContainerLike = {
        get<T>(cls: Injectable<T>): T {
          built.push(cls);
          return new (cls as unknown as new (u: UnitService) => T)(new UnitService());
        },
      };
      const manager = new PackagersManager({
        packagers: [TemperaturePackager],
        fallback: null,
        warnings: quiet,
        container: plain,
      });
      await manager.pack(new Temperature(0), 'a : result');
      await manager.pack(new Temperature(10), 'b : result');
      expect(built).toEqual([TemperaturePackager]);
    });

    it('should throw COLLECTION_INSTANTIATION_FAILED when the container cannot build it', async () => {
      const failing: ContainerLike = {
        get(): never {
          throw new Error('no provider');
        },
      };
      const manager = new PackagersManager({
        packagers: [TemperaturePackager],
        fallback: null,
        warnings: quiet,
        container: failing,
      });
      const error = await expectStowageRejection(
        manager.pack(new Temperature(0), 'a : result'),
        CollectionError,
        'COLLECTION_INSTANTIATION_FAILED',
      );
      expect(error.message).toContain('TemperaturePackager');
    });
  });
});
