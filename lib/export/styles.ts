/**
 * The export's style sheet: a light and a dark palette chosen by `prefers-color-scheme`,
 * highlight.js token colours, reduced motion, and a print style sheet that shows every card
 * back and every role at once.
 */

export const EXPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff;
  --fg: #0f172a;
  --muted: #475569;
  --border: #e2e8f0;
  --surface: #f8fafc;
  --accent: #1d4ed8;
  --applied-bg: #eff6ff;
  --tag-bg: #f1f5f9;
  --good-bg: #ecfdf5;
  --good-fg: #064e3b;
  --bad-bg: #fff1f2;
  --bad-fg: #881337;
  --code-bg: #f6f8fa;
  --hl-keyword: #cf222e;
  --hl-string: #0a3069;
  --hl-number: #0550ae;
  --hl-comment: #6e7781;
  --hl-title: #8250df;
  --hl-attr: #953800;
  --limit-fg: #be123c;
  --limit-bg: #fff1f2;
  --limit-border: #fb7185;
  --warning-fg: #b45309;
  --changed-bg: rgb(239 246 255 / 0.6);
  --field-bg: #ffffff;
  --field-border: #cbd5e1;
  --series-0: #2563eb;
  --series-1: #059669;
  --series-2: #d97706;
  --series-3: #7c3aed;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #020617;
    --fg: #f1f5f9;
    --muted: #94a3b8;
    --border: #1e293b;
    --surface: #0f172a;
    --accent: #93c5fd;
    --applied-bg: #172554;
    --tag-bg: #1e293b;
    --good-bg: #022c22;
    --good-fg: #d1fae5;
    --bad-bg: #4c0519;
    --bad-fg: #ffe4e6;
    --code-bg: #0d1117;
    --hl-keyword: #ff7b72;
    --hl-string: #a5d6ff;
    --hl-number: #79c0ff;
    --hl-comment: #8b949e;
    --hl-title: #d2a8ff;
    --hl-attr: #ffa657;
    --limit-fg: #fda4af;
    --limit-bg: #4c0519;
    --limit-border: #be123c;
    --warning-fg: #fcd34d;
    --changed-bg: rgb(23 37 84 / 0.4);
    --field-bg: #0f172a;
    --field-border: #334155;
    --series-0: #60a5fa;
    --series-1: #34d399;
    --series-2: #fbbf24;
    --series-3: #a78bfa;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--fg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1rem 4rem; }
h1, h2, h3, h4 { line-height: 1.25; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 0.75rem; }
h3 { font-size: 1.1rem; }
a { color: var(--accent); }
code, pre, kbd, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
kbd { border: 1px solid var(--border); border-radius: 4px; padding: 0 0.3em; font-size: 0.9em; }
[hidden] { display: none !important; }
.sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
}
.eyebrow { margin: 0; font-size: 0.8rem; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
.problem { font-size: 1.6rem; white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.3rem 0 0.75rem; }
.constraints { margin: 0 0 0.75rem; padding-left: 1.25rem; color: var(--muted); overflow-wrap: anywhere; }
.meta { color: var(--muted); font-size: 0.9rem; }
.toc { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; font-size: 0.9rem; margin-top: 0.75rem; }
.offline-note { font-size: 0.85rem; color: var(--muted); border-top: 1px solid var(--border); margin-top: 3rem; padding-top: 1rem; }
.muted { color: var(--muted); }
.quantities { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.25rem 1.5rem; font-size: 0.9rem; margin: 0 0 1rem; }
.quantities div { display: flex; justify-content: space-between; gap: 0.5rem; border-bottom: 1px solid var(--border); padding: 0.25rem 0; }
.quantities dt { color: var(--muted); }
.quantities dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; text-align: right; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.75rem 0.45rem 0; border-bottom: 1px solid var(--border); }
th[scope="row"] { font-weight: 400; }
td.value { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: nowrap; }
details summary { cursor: pointer; color: var(--muted); }
details ul { margin: 0.25rem 0 0; padding-left: 1.25rem; font-size: 0.85rem; color: var(--muted); }
.hint { font-size: 0.9rem; color: var(--muted); }
.link-button { background: none; border: 0; padding: 0; color: var(--accent); text-decoration: underline; font: inherit; cursor: pointer; }
.cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem; }
.card { scroll-margin-top: 1rem; }
.card article { border: 1px solid var(--border); border-radius: 0.75rem; box-shadow: 0 1px 2px rgb(15 23 42 / 0.06); overflow: hidden; }
.flip-card {
  display: block; width: 100%; text-align: left; background: var(--bg); color: inherit;
  border: 0; border-radius: 0.75rem; padding: 1rem; font: inherit; cursor: pointer;
  transition: background-color 0.2s ease;
}
.flip-card:hover { background: var(--surface); }
.flip-card:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.flip-card[data-flipped="true"] { background: var(--surface); }
.flip-card > span { display: block; }
.card-meta { font-size: 0.75rem; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
.card-title { font-size: 1.15rem; font-weight: 600; margin: 0.3rem 0; }
.card-summary { color: var(--muted); }
.card-why { margin-top: 0.4rem; font-size: 0.92rem; }
.card-state { margin-top: 0.5rem; font-size: 0.8rem; color: var(--accent); }
.tags { display: flex !important; flex-wrap: wrap; gap: 0.25rem; margin-top: 0.5rem; }
.tag { background: var(--tag-bg); border-radius: 0.25rem; padding: 0.05rem 0.5rem; font-size: 0.75rem; }
.card-back { border-top: 1px solid var(--border); padding: 1rem; animation: reveal 0.2s ease-out; }
@keyframes reveal { from { opacity: 0; transform: translateY(-4px); } to { opacity: 1; transform: none; } }
.applied { background: var(--applied-bg); border-radius: 0.5rem; padding: 0.25rem 1rem; margin-bottom: 1rem; }
.markdown { overflow-wrap: anywhere; }
.markdown pre { background: var(--code-bg); border: 1px solid var(--border); border-radius: 0.5rem; padding: 0.75rem; overflow-x: auto; font-size: 0.85rem; line-height: 1.45; }
.markdown :not(pre) > code { background: var(--code-bg); border-radius: 0.25rem; padding: 0.1em 0.3em; font-size: 0.88em; }
.markdown table { display: block; overflow-x: auto; }
.markdown img, .card-image { max-width: 100%; height: auto; }
figure.diagram { margin: 1rem 0; padding: 0.75rem; background: #ffffff; border-radius: 0.5rem; overflow-x: auto; }
figure.diagram svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
.hljs-keyword, .hljs-selector-tag, .hljs-built_in, .hljs-literal, .hljs-type { color: var(--hl-keyword); }
.hljs-string, .hljs-regexp, .hljs-symbol, .hljs-meta .hljs-string { color: var(--hl-string); }
.hljs-number, .hljs-variable, .hljs-template-variable, .hljs-attr { color: var(--hl-number); }
.hljs-comment, .hljs-quote { color: var(--hl-comment); font-style: italic; }
.hljs-title, .hljs-section, .hljs-function .hljs-title { color: var(--hl-title); }
.hljs-attribute, .hljs-params, .hljs-meta, .hljs-name { color: var(--hl-attr); }
.quiz h3 { margin-bottom: 0.5rem; }
.quiz-question { border: 1px solid var(--border); border-radius: 0.5rem; padding: 0.75rem; margin: 0 0 0.75rem; }
.quiz-question legend { font-weight: 500; font-size: 0.95rem; padding: 0 0.25rem; }
.quiz-question label { display: flex; gap: 0.5rem; align-items: flex-start; font-size: 0.92rem; margin: 0.3rem 0; cursor: pointer; }
.quiz-question input { margin-top: 0.3rem; }
.quiz-check { margin-top: 0.4rem; font: inherit; font-size: 0.9rem; padding: 0.25rem 0.75rem; border: 1px solid var(--border); border-radius: 0.375rem; background: transparent; color: inherit; cursor: pointer; }
.quiz-feedback { margin-top: 0.5rem; border-radius: 0.375rem; padding: 0.5rem; font-size: 0.9rem; }
.quiz-feedback:empty { margin: 0; padding: 0; }
.quiz-feedback[data-correct="true"] { background: var(--good-bg); color: var(--good-fg); }
.quiz-feedback[data-correct="false"] { background: var(--bad-bg); color: var(--bad-fg); }
[role="tablist"] { display: flex; flex-wrap: wrap; gap: 0.25rem; border-bottom: 1px solid var(--border); }
[role="tab"] {
  background: none; border: 0; border-bottom: 2px solid transparent; color: var(--muted);
  font: inherit; font-size: 0.9rem; padding: 0.5rem 0.75rem; cursor: pointer;
}
[role="tab"][aria-selected="true"] { color: var(--fg); font-weight: 600; border-bottom-color: var(--accent); }
[role="tab"]:focus-visible { outline: 2px solid var(--accent); }
[role="tabpanel"] { padding: 1rem 0; }
[role="tabpanel"] h4 { margin: 0.75rem 0 0.25rem; font-size: 0.8rem; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
[role="tabpanel"] ul, .disagreements ul { margin: 0; padding-left: 1.25rem; font-size: 0.92rem; }
.role-print-title { display: none; }
.disagreements li { list-style: none; border: 1px solid var(--border); border-radius: 0.375rem; padding: 0.75rem; margin: 0 0 0.5rem -1.25rem; }
.disagreements .versus { font-weight: 500; }
.player { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; background: var(--surface); border: 1px solid var(--border); border-radius: 0.5rem; padding: 1rem; }
.player audio { flex: 1; min-width: 16rem; }
.player select { font: inherit; }
.chapters { list-style: none; margin: 0; padding: 0; border: 1px solid var(--border); border-radius: 0.5rem; }
.chapters li + li { border-top: 1px solid var(--border); }
.chapters button { display: flex; gap: 1rem; width: 100%; background: none; border: 0; color: inherit; font: inherit; text-align: left; padding: 0.5rem 1rem; cursor: pointer; }
.chapters button:hover { background: var(--surface); }
.chapters button[data-active="true"] { background: var(--applied-bg); font-weight: 600; }
.chapters .clock { width: 4rem; flex-shrink: 0; color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-variant-numeric: tabular-nums; }
.transcript-text { white-space: pre-wrap; font-size: 0.9rem; overflow-wrap: anywhere; }
.mono { font-variant-numeric: tabular-nums; }
.button { font: inherit; font-size: 0.9rem; color: inherit; background: var(--bg); border: 1px solid var(--field-border); border-radius: 0.25rem; padding: 0.3rem 0.75rem; cursor: pointer; }
.button:hover { background: var(--surface); }
.button:disabled { opacity: 0.5; cursor: default; }
.button:focus-visible, .whatif-field input:focus-visible, .whatif-field select:focus-visible, .saved-scenario summary:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.whatif { border: 1px solid var(--border); border-radius: 0.75rem; padding: 1rem; margin-top: 2.5rem; }
.whatif h2 { margin-top: 0; }
.whatif h3 { font-size: 1rem; margin: 1.25rem 0 0.5rem; }
.whatif-top { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.75rem; }
.whatif-top p { margin: 0; font-size: 0.9rem; }
.whatif-form fieldset { border: 0; padding: 0; margin: 1rem 0 0; }
.whatif-form legend { font-size: 0.8rem; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); margin-bottom: 0.25rem; }
.whatif-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.75rem; }
.whatif-field label { display: block; font-size: 0.9rem; font-weight: 500; }
.whatif-field .unit { font-weight: 400; color: var(--muted); }
.whatif-field input, .whatif-field select { width: 100%; margin-top: 0.25rem; font: 0.9rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--fg); background: var(--field-bg); border: 1px solid var(--field-border); border-radius: 0.25rem; padding: 0.25rem 0.5rem; }
.whatif-field input[aria-invalid="true"] { border-color: var(--limit-fg); }
.whatif-help { margin: 0.15rem 0 0; font-size: 0.78rem; color: var(--muted); }
.whatif-help .edited { color: var(--accent); font-weight: 500; }
.whatif-error { color: var(--limit-fg); }
.whatif-warning { display: block; color: var(--warning-fg); }
.whatif-errors { color: var(--limit-fg); font-size: 0.9rem; }
.whatif-errors:empty { display: none; }
.whatif-headlines { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0.75rem; margin: 1rem 0; }
.headline { border: 1px solid var(--border); border-radius: 0.5rem; padding: 0.75rem; }
.headline.over { border-color: var(--limit-border); background: var(--limit-bg); }
.headline dt { font-size: 0.75rem; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
.headline dd { margin: 0.25rem 0 0; }
.headline .figure { display: block; font-size: 1.25rem; font-weight: 600; }
.headline .was { display: block; font-size: 0.85rem; color: var(--muted); }
.layout-invalid { margin: 1rem 0 0; border: 1px solid var(--limit-border); border-radius: 0.5rem; background: var(--limit-bg); color: var(--limit-fg); padding: 0.75rem; font-size: 0.9rem; }
.limits { list-style: none; margin: 0.25rem 0 0; padding: 0; font-size: 0.8rem; font-weight: 500; color: var(--limit-fg); }
.table-scroll { overflow-x: auto; }
[data-testid="whatif-results"] tr.changed { background: var(--changed-bg); }
.whatif-note { background: var(--applied-bg); border-radius: 0.25rem; padding: 0.35rem 0.75rem; font-size: 0.9rem; }
.whatif-charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1.5rem; margin-top: 1.25rem; }
.scenario-chart { margin: 0; }
.scenario-chart figcaption { font-size: 0.9rem; font-weight: 500; }
.scenario-chart svg { display: block; width: 100%; height: auto; color: var(--muted); }
.scenario-chart .grid { stroke: var(--border); }
.scenario-chart .axis { stroke: var(--field-border); }
.scenario-chart .marker-line { stroke: var(--muted); }
.scenario-chart .marker-dot { fill: var(--bg); }
.scenario-chart .limit-line { stroke: var(--limit-fg); }
.scenario-chart .limit-text, .chart-legend .limit-text { fill: var(--limit-fg); color: var(--limit-fg); }
.series-0 { stroke: var(--series-0); } .swatch.series-0 { background: var(--series-0); }
.series-1 { stroke: var(--series-1); } .swatch.series-1 { background: var(--series-1); }
.series-2 { stroke: var(--series-2); } .swatch.series-2 { background: var(--series-2); }
.series-3 { stroke: var(--series-3); } .swatch.series-3 { background: var(--series-3); }
.chart-legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0.25rem 0 0; padding: 0; font-size: 0.8rem; color: var(--muted); }
.chart-legend li { display: flex; align-items: center; gap: 0.3rem; }
.swatch { display: inline-block; width: 1rem; height: 2px; }
.saved-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
.saved-scenario { border: 1px solid var(--border); border-radius: 0.5rem; padding: 0.5rem 0.75rem; }
.saved-scenario summary { color: var(--fg); }
.saved-name { font-weight: 600; }
.side-by-side td { white-space: nowrap; }
.side-by-side .delta { display: block; font-size: 0.8rem; color: var(--muted); }
.applied.edited { outline: 1px solid var(--accent); }
.applied-label { margin: 0.5rem 0 0; font-size: 0.75rem; font-weight: 500; letter-spacing: 0.06em; text-transform: uppercase; color: var(--accent); }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; }
}
@media print {
  :root { --bg: #ffffff; --fg: #000000; --muted: #333333; --border: #bbbbbb; --surface: #ffffff; --applied-bg: #f2f2f2; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .toc, .hint, .player, [role="tablist"], .offline-note .screen-only, .card-state, .whatif-top .button, [data-saved-load] { display: none !important; }
  .card-back[hidden], [role="tabpanel"][hidden], .quiz-explanation[hidden] { display: block !important; }
  .card-back { animation: none; }
  .role-print-title { display: block; margin: 1rem 0 0; font-size: 1rem; }
  .card article, .quiz-question, figure.diagram, .disagreements li, tr { break-inside: avoid; }
  .flip-card { padding: 0.5rem 0; }
  .markdown a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.8em; color: var(--muted); }
  .quiz-explanation { font-size: 0.85rem; font-style: italic; }
}
`;
