// Public API of @stowage/ui: the read-only web UI that `stowage ui` serves. Named exports only;
// no side effects.
export { startUiServer } from './server/ui-server';
export type { UiServer, UiServerOptions } from './server/ui-server';
export { createUiHandler } from './server/router';
export type { HandlerOptions } from './server/router';
export { StoreView } from './data/store-view';
export type {
  StoreViewOptions,
  RunEntry,
  KeyEntry,
  InputRef,
  VersionSummary,
} from './data/store-view';
export { PAGE_CSP } from './server/responses';
export { isLoopback } from './server/request-guard';
