/**
 * The HTML of a live figure in a page that loads plotly.js and the library's browser bundle: a
 * container the bundle finds (`.optimlab-live[data-live]`), the plot's div, and the figure with its
 * description as JSON. The bundle draws the static figure at once and recomputes it on every slider
 * move or drag; without scripts the `<noscript>` text stands in (the site's printed page and the
 * notebook copies carry a PNG of the static figure).
 */
import { checkElementId, escapeHtml, scriptJson } from "../htmlText";
import type { LiveFigure } from "./session";

/** How a live figure's controls look, in the course site's stylesheet and in a notebook's output alike. */
export const LIVE_CSS = `.optimlab-live { margin: 8px 0 16px; }
.optimlab-live-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 18px; font-family: Helvetica, Arial, sans-serif; font-size: 14px; margin: 4px 0; }
.optimlab-knob { display: inline-flex; align-items: center; gap: 6px; }
.optimlab-knob input[type=range] { width: 160px; }
.optimlab-knob output { min-width: 3.5em; font-variant-numeric: tabular-nums; }
.optimlab-live-hint { color: #666; font-style: italic; }
.optimlab-live-error { color: #b00020; font-family: Helvetica, Arial, sans-serif; font-size: 14px; min-height: 1em; }
@media print { .optimlab-live-controls { display: none; } }
`;

/** `id` must be unique in the page (letters, digits, - and _). */
export function liveHtml(figure: LiveFigure, id: string): string {
  checkElementId(id);
  if (!figure || typeof figure !== "object" || !figure.live) throw new Error("liveHtml needs a live figure (one made by liveFigure or a live builder)");
  const height = Number(figure.layout?.height ?? 460);
  const json = scriptJson(figure);
  const title = escapeHtml(figure.live.title);
  return (
    `<div class="optimlab-live" data-live="1" id="${id}">` +
    `<div class="optimlab-plot" id="${id}-plot" style="width:100%;min-height:${height}px"><noscript>Live figure: ${title}</noscript></div>` +
    `<script type="application/json" class="optimlab-live-figure">${json}</script></div>`
  );
}
