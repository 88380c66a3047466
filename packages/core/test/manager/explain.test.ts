import 'reflect-metadata';
import { Pack } from '../../src/decorators/pack.decorator';
import { Packager } from '../../src/decorators/packager.decorator';
import { Unpack } from '../../src/decorators/unpack.decorator';
import type { PackOutput } from '../../src/packagers/pack-context';
import { JsonFallbackPackager } from '../helpers/json-fallback.packager';
import { testManager } from '../helpers/manager-fixtures';

class Shape {}
class Circle extends Shape {}

@Packager({ type: Shape, priority: 2, packSubclasses: true })
class ShapePackager {
  @Pack('file') packFile(): void {}
}
@Packager({ type: Circle, priority: 4 })
class CirclePackager {
  @Pack('file') packFile(): void {}
}
@Packager({ type: Circle, priority: 2 })
class CircleReader {
  @Unpack('file') unpackFile(): void {}
}
@Packager({ type: Shape })
class ExactShapeOnly {
  @Pack('file') packFile(): void {}
}
@Packager({ type: Circle, priority: 1 })
class PickyControl {
  isPackable(): boolean {
    return false;
  }
  isUnpackable(): boolean {
    return false;
  }
  pack(): PackOutput {
    return { result: 0 };
  }
  unpack(): Circle {
    return new Circle();
  }
}

describe('PackagersManager.explain', () => {
  describe('when several packagers could pack the value', () => {
    it('should list every related packager with priority, specificity and the reason', () => {
      const { manager } = testManager(
        [ShapePackager, CirclePackager, CircleReader, ExactShapeOnly, PickyControl],
        { fallback: JsonFallbackPackager },
      );
      const explanation = manager.explain(new Circle(), 'c : file');
      expect(explanation).toMatchObject({
        key: 'c',
        valueType: 'Circle',
        requestedArtifactType: 'file',
        chosen: { packager: 'ShapePackager', artifactType: 'file', mode: 'method' },
        error: undefined,
      });
      const rows = explanation.candidates.map((c) => [
        c.packager,
        c.priority,
        c.specificity,
        c.chosen,
        c.reason,
      ]);
      expect(rows).toEqual([
        ['PickyControl', 1, 0, false, 'isPackable() returned false'],
        ['CircleReader', 2, 0, false, 'unpack-only packager (no @Pack method)'],
        ['ShapePackager', 2, 1, true, 'chosen: best rank (priority 2, specificity 1)'],
        ['ExactShapeOnly', 3, 1, false, 'handles Shape only (packSubclasses is off)'],
        ['CirclePackager', 4, 0, false, 'outranked by ShapePackager (priority 2 beats 4)'],
        [
          'test.json-fallback',
          5,
          -1,
          false,
          'tried last, only when no packager above accepts the value',
        ],
      ]);
    });

    it('should pretty-print the same as an aligned table', () => {
      const { manager } = testManager([ShapePackager, CirclePackager]);
      const { text } = manager.explain(new Circle(), 'c : file');
      expect(text.split('\n')).toEqual([
        'Packing "c" (a Circle) as "file":',
        '  -> ShapePackager packs it as "file" (method)',
        '',
        '     packager        type    priority  specificity  reason',
        '  *  ShapePackager   Shape   2         1            chosen: best rank (priority 2, specificity 1)',
        '     CirclePackager  Circle  4         0            outranked by ShapePackager (priority 2 beats 4)',
      ]);
    });
  });

  describe('when nothing can pack the value', () => {
    it('should report the error packing would throw', () => {
      const { manager } = testManager([ExactShapeOnly]);
      const explanation = manager.explain(new Circle(), 'c : file');
      expect(explanation.chosen).toBeUndefined();
      expect(explanation.error?.code).toBe('PACKING_NO_PACKAGER');
      expect(explanation.text).toContain('-> fails: [PACKING_NO_PACKAGER]');
    });
  });

  describe('when ties are broken by specificity and registration', () => {
    it('should say which rule decided', () => {
      @Packager({ type: Circle, priority: 2 })
      class CircleOld {
        @Pack('file') packFile(): void {}
      }
      @Packager({ type: Circle, priority: 2 })
      class CircleNew {
        @Pack('file') packFile(): void {}
      }
      const { manager } = testManager([ShapePackager, CircleOld, CircleNew]);
      const reasons = manager
        .explain(new Circle(), 'c : file')
        .candidates.map((c) => `${c.packager}: ${c.reason}`);
      expect(reasons).toEqual([
        'CircleNew: chosen: best rank (priority 2, specificity 0)',
        'CircleOld: outranked by CircleNew (same priority and type, registered later)',
        'ShapePackager: outranked by CircleNew (same priority, more specific type Circle)',
      ]);
    });
  });
});
