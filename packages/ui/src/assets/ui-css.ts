/** The stylesheet, served as `/assets/ui.css` (no inline styles: the page CSP forbids them). */
export const UI_CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #fff; --muted: #5b6570; --line: #d0d7de;
  --accent: #0b5cad; --bad: #b3261e; --warn: #8a5a00; --ok: #1a7f37; --diff: #fff3c4; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9aa4ae;
  --line: #30363d; --accent: #58a6ff; --bad: #ff7b72; --warn: #d29922; --ok: #3fb950; --diff: #3b2f00; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: .5rem 1rem; border-bottom: 1px solid var(--line); display: flex; gap: 1rem;
  align-items: baseline; flex-wrap: wrap; }
nav a { margin-right: .8rem; }
nav a[aria-current=page] { font-weight: 700; text-decoration: underline; }
.brand { font-weight: 700; margin-right: 1rem; }
.store { margin: 0; color: var(--muted); }
main { padding: 1rem; max-width: 1400px; }
main:focus { outline: none; }
h1 { font-size: 1.4rem; margin: .2rem 0 1rem; word-break: break-all; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: .5rem; background: var(--bg); padding: .3rem; z-index: 2; }
table { border-collapse: collapse; margin: .3rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: color-mix(in srgb, var(--line) 35%, transparent); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.fields dt { color: var(--muted); }
dl.fields dd { margin: 0; word-break: break-all; }
code, pre { font: 12.5px/1.4 ui-monospace, monospace; }
pre { background: color-mix(in srgb, var(--line) 25%, transparent); padding: .6rem; overflow: auto;
  max-height: 32rem; white-space: pre-wrap; word-break: break-all; }
.status { font-weight: 600; }
.status-completed { color: var(--ok); } .status-error, .status-lost { color: var(--bad); }
.status-warn, .status-running { color: var(--warn); }
.error { border: 1px solid var(--bad); padding: .6rem .8rem; margin: .5rem 0 1rem; }
.error h2, .error h3 { color: var(--bad); margin-top: 0; }
.fix { font-weight: 600; }
.label { display: inline-block; border: 1px solid var(--line); border-radius: 3px; padding: 0 .3rem;
  margin: 0 .2rem .1rem 0; font-size: 12px; }
form.filters { display: flex; gap: .6rem; flex-wrap: wrap; align-items: end; margin-bottom: .8rem; }
form.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
input, select, button { font: inherit; padding: .2rem .4rem; }
.pager { display: flex; gap: 1rem; align-items: center; }
tr.diff td { background: var(--diff); }
.muted { color: var(--muted); }
ul.lineage { list-style: none; padding-left: 1.2rem; border-left: 2px solid var(--line); }
img.preview { max-width: 100%; max-height: 40rem; border: 1px solid var(--line); }
svg.chart { max-width: 100%; height: auto; }
svg.chart text { fill: var(--fg); font-size: 11px; }
svg.chart .bar { fill: var(--accent); }
svg.chart .axis { stroke: var(--muted); }
svg.chart .grid { stroke: var(--line); stroke-dasharray: 2 3; }
svg.chart .axis-title { fill: var(--muted); font-size: 12px; }
svg.chart .series { fill: none; stroke: var(--accent); stroke-width: 2; }
svg.chart .point { fill: var(--accent); stroke: var(--bg); stroke-width: 1.5; }
svg.chart a:focus-visible .point, svg.chart a:hover .point { stroke: var(--fg); stroke-width: 3; }
figure.metric { margin: .5rem 0 1rem; }
.graph { overflow: auto; max-width: 100%; border: 1px solid var(--line); margin: .5rem 0 1rem; }
svg.lineage-graph { display: block; }
svg.lineage-graph text { fill: var(--fg); font-size: 12px; }
svg.lineage-graph text.sub { fill: var(--muted); font-size: 11px; }
svg.lineage-graph text.level { fill: var(--muted); font-size: 11px; }
svg.lineage-graph rect { fill: var(--bg); stroke: var(--line); stroke-width: 1.5; }
svg.lineage-graph .node-run rect { stroke: var(--accent); }
svg.lineage-graph .node-run.status-error rect, svg.lineage-graph .node-run.status-lost rect { stroke: var(--bad); }
svg.lineage-graph .node-more rect { stroke-dasharray: 4 3; }
svg.lineage-graph .focus rect { stroke: var(--fg); stroke-width: 3; }
svg.lineage-graph a:hover rect { fill: var(--diff); }
svg.lineage-graph a:focus { outline: none; }
svg.lineage-graph a:focus-visible rect { stroke: var(--accent); stroke-width: 4; fill: var(--diff); }
svg.lineage-graph .edge { fill: none; stroke: var(--muted); stroke-width: 1.5; }
svg.lineage-graph .edge.by-tag { stroke-dasharray: 5 4; }
svg.lineage-graph .arrow { fill: var(--muted); }
nav.steps a { margin-right: 0; }
.note { border-left: 3px solid var(--warn); padding-left: .6rem; }
`;
