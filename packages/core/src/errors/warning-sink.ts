/**
 * Receives warnings from packagers, the manager and the fallback serializer.
 *
 * @remarks
 * It lives with the errors, at the bottom of the layers, so every layer that warns (artifact
 * links, custom-packager loading, the manager, packagers) can name it without importing upward.
 */
export interface WarningSink {
  warn(message: string): void;
}
