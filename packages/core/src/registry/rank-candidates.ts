import type { Candidate } from './packager-snapshot';

/**
 * Sorts candidates best first: lower priority number, then nearer type (a subclass's packager
 * beats its base class's), then newer registration. Returns a new array. @internal
 */
export function rankCandidates<C extends Candidate>(candidates: readonly C[]): C[] {
  return [...candidates].sort(
    (a, b) =>
      a.definition.priority - b.definition.priority ||
      a.distance - b.distance ||
      b.definition.registrationIndex - a.definition.registrationIndex,
  );
}
