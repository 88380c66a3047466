// Priorities are honoured: of two packagers for the same type, the higher priority (lower number) wins.
import { MemoryStore, Pack, Packager, PackagersManager } from '@stowage/core';
import type { PackExplanation, PackOutput } from '@stowage/core';

export class Invoice {
  constructor(readonly total: number) {}
}

// #region priorities
@Packager({ type: Invoice }) // priority 3, the default for your packagers
export class InvoiceSummaryPackager {
  @Pack('result')
  packResult(invoice: Invoice): PackOutput {
    return { result: { total: invoice.total } };
  }
}

@Packager({ type: Invoice, priority: 2 }) // ranks above every priority-3 packager
export class AuditedInvoicePackager {
  @Pack('result')
  packResult(invoice: Invoice): PackOutput {
    return { result: { total: invoice.total, audited: true } };
  }
}

export async function main(): Promise<{ result: unknown; explanation: PackExplanation }> {
  const manager = new PackagersManager({
    store: new MemoryStore(),
    packagers: [AuditedInvoicePackager, InvoiceSummaryPackager], // registration order does not matter
  });
  const packed = await manager.pack(new Invoice(120), 'invoice');
  // packed.packager === 'AuditedInvoicePackager'; packed.value: { total: 120, audited: true }

  const explanation = manager.explain(new Invoice(120), 'invoice');
  // explanation.text lists both candidates with their priority and why one was chosen.
  return { result: packed.kind === 'result' ? packed.value : undefined, explanation };
}
// #endregion
