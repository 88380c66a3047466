/**
 * True when a parameter's design type asks for the run's context. @internal
 */
export function isContextType(type: unknown): boolean {
  return typeof type === 'function' && type.name === 'RunContext';
}
