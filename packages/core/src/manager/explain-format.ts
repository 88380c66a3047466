import { declarationModeLabel } from '../decorators/decorator-mode';
import type { ExplainedCandidate, PackExplanation } from './explain-pack';

/**
 * One line per candidate not declared with legacy decorators (and per method recorded in another
 * mode than its packager): how it was declared. Empty when everything is legacy.
 */
function declarationLines(candidates: readonly ExplainedCandidate[]): string[] {
  const lines: string[] = [];
  for (const c of candidates) {
    const odd = Object.entries(c.packMethodsDeclaredWith).filter(([, m]) => m !== c.declaredWith);
    if (c.declaredWith === 'legacy' && odd.length === 0) continue;
    const methods = odd.map(([type, m]) => `@Pack("${type}") by ${declarationModeLabel(m)}`);
    lines.push(
      `  ${c.packager}: declared with ${declarationModeLabel(c.declaredWith)}${methods.length > 0 ? `; ${methods.join(', ')}` : ''}`,
    );
  }
  return lines.length === 0 ? [] : ['', ...lines];
}

/** Pretty-prints an explanation as an aligned table with the decision on top. @internal */
export function formatExplanation(e: Omit<PackExplanation, 'text'>): string {
  const asked =
    e.requestedArtifactType === undefined
      ? 'its default artifact type'
      : `"${e.requestedArtifactType}"`;
  const head = [`Packing "${e.key}" (a ${e.valueType}) as ${asked}:`];
  head.push(
    e.chosen !== undefined
      ? `  -> ${e.chosen.packager} packs it as "${e.chosen.artifactType}" (${e.chosen.mode})`
      : `  -> fails: [${e.error?.code ?? 'UNKNOWN'}] ${(e.error?.message ?? '').split('\n')[0] ?? ''}`,
  );
  if (e.candidates.length === 0)
    return [...head, '  (no packager is registered for this type or its ancestors)'].join('\n');
  const rows = e.candidates.map((c) => [
    c.chosen ? '*' : ' ',
    c.packager,
    c.type,
    String(c.priority),
    c.fallback ? 'fallback' : String(c.specificity),
    c.reason,
  ]);
  const header = [' ', 'packager', 'type', 'priority', 'specificity', 'reason'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    `  ${cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd();
  return [...head, '', line(header), ...rows.map(line), ...declarationLines(e.candidates)].join(
    '\n',
  );
}
