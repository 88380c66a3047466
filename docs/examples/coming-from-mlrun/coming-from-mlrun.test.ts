import { main as priorities } from './priorities';
import { main as unknownOption } from './unknown-option';

describe('docs/coming-from-mlrun.md examples', () => {
  describe('when two packagers handle the same type', () => {
    it('should pick the one with the higher priority and explain why', async () => {
      const { result, explanation } = await priorities();
      expect(result).toEqual({ total: 120, audited: true });
      expect(explanation.chosen?.packager).toBe('AuditedInvoicePackager');
      expect(
        explanation.candidates.filter((c) => !c.fallback).map((c) => [c.packager, c.priority]),
      ).toEqual([
        ['AuditedInvoicePackager', 2],
        ['InvoiceSummaryPackager', 3],
      ]);
      expect(explanation.text).toContain('InvoiceSummaryPackager');
    });
  });

  describe('when a log hint has a misspelt option', () => {
    it('should reject it with an OptionsError naming the option and the valid ones', async () => {
      const error = await unknownOption();
      expect(error?.code).toBe('OPTIONS_UNKNOWN');
      expect(error?.message).toContain('fromat');
      expect(error?.message).toContain('format');
      expect(error?.message).toContain('PointPackager');
    });
  });
});
