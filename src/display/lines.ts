import { checkBoolean, checkKeys, describe } from "../data/checks";
import type { Figure } from "./figure";
import { axis, layout, round } from "./figures-common";

/** One curve of `lineFigure`: y against x, with optional markers, dash or a fixed colour. */
export interface LineSeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number | null>;
  /** "lines" (default), "markers" or "lines+markers". */
  mode?: "lines" | "markers" | "lines+markers";
  dash?: "solid" | "dot" | "dash";
  color?: string;
  /** Draw against a second y axis on the right (titled by `y2Title`). */
  rightAxis?: boolean;
}

export interface LineFigureOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  xLog?: boolean;
  yLog?: boolean;
  /** Title of the right-hand axis, for series with `rightAxis`. */
  y2Title?: string;
  /** Fixed y range (in log10 units on a log axis, as plotly takes it). */
  yRange?: [number, number];
}

/**
 * Curves of y against x with a title and both axis titles, either axis logarithmic: the plot a lesson
 * would otherwise spell out as plotly traces. Values that are null or not finite are left as gaps.
 * @example plot(lineFigure([{ name: "Adagrad", x: ks, y: ks.map(f) }], { title: "…", xTitle: "step k", yTitle: "x", xLog: true }))
 */
export function lineFigure(series: LineSeries[], options: LineFigureOptions): Figure {
  checkKeys("lineFigure", options, ["title", "xTitle", "yTitle", "xLog", "yLog", "y2Title", "yRange"]);
  if (!Array.isArray(series) || series.length === 0) throw new Error(`lineFigure needs a non-empty array of series, got ${describe(series)}`);
  for (const key of ["title", "xTitle", "yTitle"] as const) {
    if (typeof options[key] !== "string") throw new Error(`lineFigure: ${key} must be a string, got ${describe(options[key])}`);
  }
  const log = (flag: boolean | undefined, name: string) => (checkBoolean(name, flag ?? false) ? { type: "log", exponentformat: "power" } : {});
  const data = series.map((s, i) => {
    if (s === null || typeof s !== "object" || typeof s.name !== "string") throw new Error(`series[${i}] needs a name, got ${describe(s)}`);
    if (s.x.length !== s.y.length) throw new Error(`series "${s.name}": x has ${s.x.length} values but y has ${s.y.length}`);
    const y = Array.from(s.y, (v) => (v === null || !Number.isFinite(v) ? null : round(v)));
    const line: Record<string, unknown> = { ...(s.dash ? { dash: s.dash } : {}), ...(s.color ? { color: s.color } : {}) };
    return { type: "scatter", mode: s.mode ?? "lines", name: s.name, x: Array.from(s.x, (v) => round(v)), y, line, ...(s.rightAxis ? { yaxis: "y2" } : {}) };
  });
  const yaxis = axis(options.yTitle, { ...log(options.yLog, "yLog"), ...(options.yRange ? { range: options.yRange } : {}) });
  const extra = options.y2Title !== undefined ? { yaxis2: { title: { text: options.y2Title }, overlaying: "y", side: "right" }, margin: { r: 90 } } : {};
  return { data, layout: layout(options.title, axis(options.xTitle, log(options.xLog, "xLog")), yaxis, extra) };
}
