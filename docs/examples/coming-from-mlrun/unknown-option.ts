// Unknown packing options are rejected before the pack method runs.
import { MemoryStore, OptionsError, PackagersManager } from '@stowage/core';
import { Point, PointPackager } from '../concepts/point-packager';

export async function main(): Promise<OptionsError | undefined> {
  const manager = new PackagersManager({ store: new MemoryStore(), packagers: [PointPackager] });
  // #region unknown-option
  try {
    // "fromat" is a typo: PointFileOptions declares only "format".
    await manager.pack(new Point(1, 2), 'position: file[fromat=csv]');
  } catch (error) {
    if (OptionsError.is(error)) {
      // error.code === 'OPTIONS_UNKNOWN'; the message names the option, the packager and the
      // artifact type, and lists the valid options: format ("json" or "csv").
      return error;
    }
    throw error;
  }
  // #endregion
  return undefined;
}
