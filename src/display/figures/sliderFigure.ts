/** Figures as the frames of one figure with a slider. See ./index.ts for what every builder promises. */
import { checkInteger, checkKeys, describe } from "../../core/checks";
import type { Figure } from "../figure";
import { axis, layout, round } from "../figures-common";

/** One position of a slider: its label and the figure shown there. */
export interface SliderFrame {
  label: string | number;
  figure: Figure;
}

export interface SliderFigureOptions {
  title?: string;
  /** Text before the current label, e.g. "lr = " (default ""). */
  prefix?: string;
  /** Index of the frame shown first (default 0). */
  active?: number;
}

/**
 * One figure with a slider over precomputed figures (plotly frames), so a reader can scrub a
 * hyperparameter without running anything. Every figure must have the same number of traces (the
 * builders of this module keep that constant). Traces equal in every frame (a contour, say) are
 * stored once; axes get the union of all frames' ranges unless the first layout fixes them.
 * @example
 * plot(sliderFigure(lrs.map((lr) => ({ label: lr, figure: trajectoriesOnContour(p, { GD: minimize(p, sgd({ lr }), { steps: 50 }) }) })), { prefix: "lr = " }))
 */
export function sliderFigure(frames: SliderFrame[], options: SliderFigureOptions = {}): Figure {
  checkKeys("sliderFigure", options, ["title", "prefix", "active"]);
  if (!Array.isArray(frames) || frames.length === 0) throw new Error(`frames must be a non-empty array of { label, figure }, got ${describe(frames)}`);
  const active = checkInteger("active", options.active ?? 0, 0);
  if (active >= frames.length) throw new Error(`active = ${active} is beyond the last frame ${frames.length - 1}`);
  const names = frames.map((f, i) => {
    if (f === null || typeof f !== "object" || !f.figure || !Array.isArray(f.figure.data)) throw new Error(`frames[${i}] must be { label, figure }, got ${describe(f)}`);
    return String(f.label);
  });
  if (new Set(names).size !== names.length) throw new Error(`frame labels must be distinct, got ${names.join(", ")}`);
  const traceCount = frames[0].figure.data.length;
  frames.forEach((f, i) => {
    if (f.figure.data.length !== traceCount) throw new Error(`frames[${i}] has ${f.figure.data.length} traces but frames[0] has ${traceCount}: every frame needs the same traces`);
  });
  const json = frames.map((f) => f.figure.data.map((t) => JSON.stringify(t)));
  const varying: number[] = [];
  for (let t = 0; t < traceCount; t++) if (json.some((j) => j[t] !== json[0][t])) varying.push(t);
  const base = frames[active].figure;
  const baseLayout = { ...(base.layout ?? {}) };
  const legendBelow = (baseLayout.legend as { orientation?: string } | undefined)?.orientation === "h";
  for (const key of ["xaxis", "yaxis"] as const) {
    const ax = { ...((baseLayout[key] as Record<string, unknown> | undefined) ?? {}) };
    if (ax.range === undefined) {
      const range = unionRange(frames.map((f) => f.figure), key === "xaxis" ? "x" : "y", ax.type === "log");
      if (range) Object.assign(ax, { range, autorange: false });
    }
    baseLayout[key] = ax;
  }
  const steps = names.map((name) => ({
    label: name,
    method: "animate",
    args: [[name], { mode: "immediate", frame: { duration: 0, redraw: true }, transition: { duration: 0 } }],
  }));
  return {
    data: base.data,
    layout: {
      height: 540, // room for the slider under the plot
      ...baseLayout,
      title: { text: options.title ?? titleOf(base) },
      // Below the axis title and a legend under the plot (plotly widens the bottom margin to fit it).
      sliders: [{ active, currentvalue: { prefix: options.prefix ?? "" }, x: 0, len: 1, y: legendBelow ? -0.4 : -0.15, yanchor: "top", pad: { t: 10 }, steps }],
    },
    frames: frames.map((f, i) => ({ name: names[i], traces: varying, data: varying.map((t) => f.figure.data[t]) })),
  };
}

function titleOf(figure: Figure): string {
  const t = figure.layout?.title;
  if (typeof t === "string") return t;
  if (t && typeof t === "object" && typeof (t as { text?: unknown }).text === "string") return (t as { text: string }).text;
  return "";
}

/** The range covering every finite coordinate of every scatter trace (log10 units on log axes), padded 5%. */
function unionRange(figures: Figure[], key: "x" | "y", log: boolean): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const fig of figures) {
    for (const trace of fig.data) {
      const values = trace[key];
      if (!Array.isArray(values)) continue;
      for (const v of values) {
        if (typeof v !== "number" || !Number.isFinite(v) || (log && v <= 0)) continue;
        const u = log ? Math.log10(v) : v;
        lo = Math.min(lo, u);
        hi = Math.max(hi, u);
      }
    }
  }
  if (!Number.isFinite(lo)) return undefined;
  const pad = hi > lo ? 0.05 * (hi - lo) : 0.5;
  return [round(lo - pad)!, round(hi + pad)!];
}
