import type { ServerResponse } from 'node:http';
import type { SafeHtml } from '../html/html';

/**
 * The policy of every HTML page: scripts and styles only from this origin (no inline script or
 * style), images from this origin, no frames, forms only to this origin, no plugins.
 */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Headers sent with every response. */
const COMMON: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** Sends an HTML page with the page CSP. */
export function sendHtml(res: ServerResponse, status: number, page: SafeHtml): void {
  const body = Buffer.from(page.text, 'utf8');
  res.writeHead(status, {
    ...COMMON,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAGE_CSP,
    'Content-Length': String(body.length),
  });
  res.end(body);
}

/** Sends a short plain-text answer (405, 421, 400 before any page can be built). */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, {
    ...COMMON,
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Content-Length': String(body.length),
  });
  res.end(body);
}

/** Sends a static asset (the stylesheet or the client script). */
export function sendAsset(res: ServerResponse, type: string, text: string): void {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(200, {
    ...COMMON,
    'Content-Type': type,
    'Content-Security-Policy': "default-src 'none'",
    'Content-Length': String(body.length),
  });
  res.end(body);
}

/** Sends a redirect to a path of this server. */
export function sendRedirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { ...COMMON, Location: location, 'Content-Length': '0' });
  res.end();
}

/** The headers of a stored file sent to the browser (see `download.ts`). */
export function fileHeaders(
  type: string,
  disposition: string,
  size: number | undefined,
): Record<string, string> {
  return {
    ...COMMON,
    'Content-Type': type,
    'Content-Disposition': disposition,
    // Whatever the file holds, it runs nothing: no scripts, no plugins, an opaque origin.
    'Content-Security-Policy':
      "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
    ...(size !== undefined ? { 'Content-Length': String(size) } : {}),
  };
}
