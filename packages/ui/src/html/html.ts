/** HTML that is already safe to send: built only by {@link html} and {@link raw}. */
export class SafeHtml {
  constructor(readonly text: string) {}

  /** The markup. */
  toString(): string {
    return this.text;
  }
}

/** What {@link html} accepts in a slot: text (escaped), numbers, safe HTML, lists of those. */
export type HtmlValue =
  SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Builds HTML from a template: every interpolated value is escaped unless it is {@link SafeHtml}.
 *
 * @remarks
 * This is the only way pages make markup, so a run name, label, param or preview line can never
 * become a tag: `<img src=x onerror=…>` is shown as text.
 * @example
 * ```ts
 * html`<td>${run.name}</td>`;
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Joins values into one piece of HTML (each escaped unless already safe). */
export function join(values: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  return new SafeHtml(values.map(render).join(render(separator)));
}

/** A URL path with its query, every part percent-encoded; repeated names for arrays. */
export function href(
  path: string,
  query: Readonly<Record<string, string | number | readonly string[] | undefined>> = {},
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(name, v);
    else params.append(name, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}
