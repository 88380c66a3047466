// Editing the project's list of custom packagers from code.
import { addCustomPackager, loadProjectConfig, removeCustomPackager } from '@stowage/core';
import type { CustomPackagerEntry } from '@stowage/core';

/** Adds two custom packagers to the project at `root`, removes one, and returns what is left. */
export async function main(root: string): Promise<readonly CustomPackagerEntry[]> {
  await addCustomPackager(root, '@acme/stowage-geo', { mandatory: false });
  // #region edit
  await addCustomPackager(root, './src/packagers/image.packager#ImagePackager', {
    mandatory: true,
  });
  await removeCustomPackager(root, '@acme/stowage-geo');
  const entries = loadProjectConfig(root).customPackagers; // what { projectRoot: root } loads
  // #endregion
  return entries;
}
