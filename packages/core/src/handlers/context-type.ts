import { RunContext } from '../runs/run-context';

/** True when a parameter's design type asks for the run's context (`RunContext` or a subclass). @internal */
export function isContextType(type: unknown): boolean {
  return (
    typeof type === 'function' && (type === RunContext || type.prototype instanceof RunContext)
  );
}
