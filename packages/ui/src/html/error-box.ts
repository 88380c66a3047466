import { StowageError } from '@stowage/core';
import type { RunErrorRecord } from '@stowage/core';
import { formatValue } from './format';
import { html, type SafeHtml } from './html';

/** A recorded run error: each level of its chain with code and how to fix it. */
export function runErrorBox(error: RunErrorRecord, heading: string): SafeHtml {
  const levels: RunErrorRecord[] = [];
  for (let e: RunErrorRecord | undefined = error; e !== undefined && levels.length < 9; e = e.cause)
    levels.push(e);
  return html`<section class="error" aria-label="${heading}">
    <h2>${heading}</h2>
    ${levels.map(
      (e, i) =>
        html`<div>
          ${i > 0 ? html`<p class="muted">caused by</p>` : ''}
          <p>
            <strong>${e.name}${e.code !== undefined ? ` [${e.code}]` : ''}</strong>: ${e.message}
          </p>
          ${e.fix !== undefined ? html`<p class="fix">How to fix: ${e.fix}</p>` : ''}
        </div>`,
    )}
  </section>`;
}

/** A thrown error (a damaged record, a failed integrity check) with its causes and fixes. */
export function thrownErrorBox(error: unknown, heading: string): SafeHtml {
  const levels: { name: string; code?: string; message: string; fix?: string }[] = [];
  let e: unknown = error;
  while (e !== undefined && e !== null && levels.length < 9) {
    if (StowageError.is(e))
      levels.push({
        name: e.name,
        code: e.code,
        message: e.summary,
        ...(e.fix !== undefined ? { fix: e.fix } : {}),
      });
    else if (e instanceof Error) levels.push({ name: e.name, message: e.message });
    else levels.push({ name: 'Error', message: formatValue(e) });
    e = e instanceof Error ? e.cause : undefined;
  }
  return html`<section class="error" role="alert" aria-label="${heading}">
    <h2>${heading}</h2>
    ${levels.map(
      (l, i) =>
        html`<div>
          ${i > 0 ? html`<p class="muted">caused by</p>` : ''}
          <p>
            <strong>${l.name}${l.code !== undefined ? ` [${l.code}]` : ''}</strong>: ${l.message}
          </p>
          ${l.fix !== undefined ? html`<p class="fix">How to fix: ${l.fix}</p>` : ''}
        </div>`,
    )}
  </section>`;
}
