import {
  SYMBOL_METADATA,
  addPendingStep,
  attachPendingSteps,
  isStandardContext,
} from '../../src/metadata/standard-metadata';

describe('standard-metadata', () => {
  describe('when @stowage/core is imported on a Node without Symbol.metadata', () => {
    it('should install the Symbol.for("Symbol.metadata") polyfill TypeScript and esbuild read', () => {
      expect((Symbol as unknown as { metadata?: symbol }).metadata).toBe(SYMBOL_METADATA);
      const native = process.versions.node.split('.').map(Number)[0] ?? 0;
      if (native <= 20) expect(SYMBOL_METADATA).toBe(Symbol.for('Symbol.metadata'));
    });
  });

  describe('when telling the two decorator modes apart', () => {
    it('should see a context object only in standard mode', () => {
      expect(isStandardContext({ kind: 'method', name: 'packFile' })).toBe(true);
      expect(isStandardContext('packFile')).toBe(false);
      expect(isStandardContext(undefined)).toBe(false);
      expect(isStandardContext({ kind: 'parameter' })).toBe(false);
    });
  });

  describe('when pending steps are attached', () => {
    it('should run them once, in order, with the class', () => {
      const metadata: Record<PropertyKey, unknown> = {};
      const seen: string[] = [];
      addPendingStep(metadata, (cls) => seen.push(`a:${cls.name}`));
      addPendingStep(metadata, (cls) => seen.push(`b:${cls.name}`));
      class Target {}
      attachPendingSteps(Target, metadata);
      attachPendingSteps(Target, metadata);
      expect(seen).toEqual(['a:Target', 'b:Target']);
    });
  });
});
