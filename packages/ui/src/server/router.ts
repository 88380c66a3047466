import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidKeyError, NotFoundError } from '@stowage/core';
import { UI_CSS } from '../assets/ui-css';
import { UI_SCRIPT } from '../assets/ui-script';
import type { StoreView } from '../data/store-view';
import type { SafeHtml } from '../html/html';
import { layout, type Section } from '../html/layout';
import { artifactPage } from '../pages/artifact.page';
import { artifactsPage } from '../pages/artifacts.page';
import { comparePage } from '../pages/compare.page';
import { lineagePage } from '../pages/lineage.page';
import { versionMetricsPage } from '../pages/version-metrics.page';
import { thrownErrorBox } from '../html/error-box';
import { runPage } from '../pages/run.page';
import { runsPage } from '../pages/runs.page';
import { sendDownload } from './download';
import { allowedHosts, refuse } from './request-guard';
import { sendAsset, sendHtml, sendRedirect, sendText } from './responses';

/** Where the handler answers: the bound host and port (for the Host check). */
export interface HandlerOptions {
  readonly view: StoreView;
  readonly host: string;
  readonly port: number;
  /** Receives errors that reached no page (a failed response); default: ignored. */
  readonly onError?: (error: unknown) => void;
}

/** A request handler for `node:http` serving the read-only UI over `view`. */
export function createUiHandler(
  options: HandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const hosts = allowedHosts(options.host, options.port);
  return (req, res) => {
    const refusal = refuse(req, hosts);
    if (refusal !== undefined) return sendText(res, refusal.status, refusal.text, refusal.headers);
    route(options.view, req, res).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) sendHtml(res, statusOf(error), errorPage(options.view, error));
      else res.destroy();
    });
  };
}

function statusOf(error: unknown): number {
  if (NotFoundError.is(error)) return 404;
  if (InvalidKeyError.is(error)) return 400;
  return 500;
}

function errorPage(view: StoreView, error: unknown): SafeHtml {
  const status = statusOf(error);
  const title = status === 404 ? 'Not found' : status === 400 ? 'Bad request' : 'Error';
  return layout(title, 'none', thrownErrorBox(error, title), view.store.url);
}

function required(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === '')
    throw new InvalidKeyError(`The address has no "${name}".`, {
      details: { parameter: name },
      fix: 'Follow a link from the Runs or Artifacts page.',
    });
  return value;
}

/** `{ name: value }` when the query has a non-empty `name`, else `{}`. */
function optional(params: URLSearchParams, name: string): Record<string, string> {
  const value = params.get(name);
  return value === null || value === '' ? {} : { [name]: value };
}

async function route(view: StoreView, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://ui.invalid');
  const q = url.searchParams;
  const page = (title: string, section: Section, body: SafeHtml): void =>
    sendHtml(res, 200, layout(title, section, body, view.store.url));
  switch (url.pathname) {
    case '/':
      return sendRedirect(res, '/runs');
    case '/favicon.ico':
      // No icon: an empty answer, so browsers log no failed request.
      res.writeHead(204, { 'Cache-Control': 'max-age=86400' });
      return void res.end();
    case '/assets/ui.css':
      return sendAsset(res, 'text/css; charset=utf-8', UI_CSS);
    case '/assets/ui.js':
      return sendAsset(res, 'text/javascript; charset=utf-8', UI_SCRIPT);
    case '/runs':
      return page('Runs', 'runs', await runsPage(view, q));
    case '/run': {
      const { title, body } = await runPage(view, required(q, 'id'));
      return page(title, 'runs', body);
    }
    case '/artifacts':
      return page('Artifacts', 'artifacts', await artifactsPage(view, q));
    case '/artifact': {
      const { title, body } = await artifactPage(
        view,
        required(q, 'key'),
        q.get('version') ?? undefined,
      );
      return page(title, 'artifacts', body);
    }
    case '/compare':
      return page(
        'Compare runs',
        'compare',
        await comparePage(view, q.getAll('run'), q.get('metric') ?? undefined),
      );
    case '/lineage': {
      const run = q.get('run');
      const { title, body } = await lineagePage(view, {
        ...(run !== null && run !== '' ? { run } : { key: required(q, 'key') }),
        ...optional(q, 'version'),
        ...optional(q, 'depth'),
      });
      return page(title, run !== null ? 'runs' : 'artifacts', body);
    }
    case '/metrics': {
      const { title, body } = await versionMetricsPage(
        view,
        required(q, 'key'),
        q.get('metric') ?? undefined,
      );
      return page(title, 'artifacts', body);
    }
    case '/download':
      return sendDownload(
        view,
        {
          key: required(q, 'key'),
          version: required(q, 'version'),
          ...(q.get('file') !== null ? { file: q.get('file') ?? '' } : {}),
          inline: q.get('inline') === '1',
        },
        res,
      );
    default:
      throw new NotFoundError(`There is no page at ${url.pathname}.`, {
        details: { path: url.pathname },
        fix: 'Start from the Runs or Artifacts page.',
      });
  }
}
