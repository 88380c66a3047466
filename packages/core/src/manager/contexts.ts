import type { PackContext, UnpackContext, WarningSink } from '../packagers/pack-context';
import type { ClassRegistry } from '../serialization/class-registry';
import type { PackableType } from '../types';
import type { TempScope } from '../temp/temp-scope';

/** The {@link PackContext} a pack method receives. @internal */
export class ManagerPackContext implements PackContext {
  constructor(
    readonly key: string,
    readonly artifactType: string,
    readonly runId: string | undefined,
    private readonly sink: WarningSink,
    /** The pack's scratch scope, made on the first `tempDir()` (most packs never ask). */
    private readonly temp: () => TempScope,
    readonly classes: ClassRegistry | undefined,
  ) {}

  warn(message: string): void {
    this.sink.warn(`[${this.key}] ${message}`);
  }

  tempDir(): Promise<string> {
    return this.temp().dir('pack');
  }
}

/** The {@link UnpackContext} an unpack method receives. @internal */
export class ManagerUnpackContext implements UnpackContext {
  constructor(
    readonly artifactType: string,
    readonly typeHint: PackableType | undefined,
    private readonly sink: WarningSink,
    private readonly makeDir: () => Promise<string>,
    readonly classes: ClassRegistry | undefined,
  ) {}

  warn(message: string): void {
    this.sink.warn(message);
  }

  tempDir(): Promise<string> {
    return this.makeDir();
  }
}

/** The default warning sink: Node's `process.emitWarning` with the name `StowageWarning`. */
export const EMIT_WARNING: WarningSink = Object.freeze({
  warn(message: string): void {
    process.emitWarning(message, 'StowageWarning');
  },
});
