import { html, type HtmlValue, type SafeHtml } from './html';

/** The page sections named in the top navigation. */
export type Section = 'runs' | 'artifacts' | 'compare' | 'none';

/** Wraps a page body in the document: title, stylesheet, client script, navigation. */
export function layout(
  title: string,
  section: Section,
  body: HtmlValue,
  storeUrl: string,
): SafeHtml {
  const link = (name: Section, path: string, label: string): SafeHtml =>
    html`<a href="${path}" ${name === section ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Stowage</title>
        <link rel="stylesheet" href="/assets/ui.css" />
        <script src="/assets/ui.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header>
          <nav aria-label="Main">
            <span class="brand">Stowage</span
            >${link('runs', '/runs', 'Runs')}${link('artifacts', '/artifacts', 'Artifacts')}${link('compare', '/compare', 'Compare')}
          </nav>
          <p class="store">Store: <code>${storeUrl}</code> · read-only</p>
        </header>
        <main id="main" tabindex="-1">
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html> `;
}
