/** A classifier's decision regions over the plane, with the labelled points. See ./index.ts for what every builder promises. */
import { checkInteger, checkKeys, checkNumber, describe } from "../../core/checks";
import type { Figure } from "../figure";
import { axis, color, layout, round, roundAll } from "../figures-common";
import { BELOW, windowOf } from "./shared";

/** A classifier of 2-D points: a model with `predict`, or a function; either maps n × 2 inputs to n × k outputs. */
export type Classifier = { predict(x: Float64Array): Float64Array } | ((x: Float64Array) => Float64Array);

/** The labelled points drawn over the boundary: a `Dataset` with d = 2. */
export interface LabelledPoints {
  x: Float64Array;
  y: Float64Array;
  n: number;
  d: number;
}

export interface DecisionBoundaryOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Grid points per axis (default 60). */
  resolution?: number;
  /** Window (default: the data's range plus `padding`). */
  xRange?: [number, number];
  yRange?: [number, number];
  /** Margin around the data (default 0.5). */
  padding?: number;
}

/**
 * What a 2-D classifier predicts over the plane, with the data on top: for one output, the probability
 * of class 1 and the 0.5 contour (the decision boundary); for several, the predicted class (argmax).
 * @example plot(decisionBoundary(net, data))
 */
export function decisionBoundary(model: Classifier, data: LabelledPoints, options: DecisionBoundaryOptions = {}): Figure {
  checkKeys("decisionBoundary", options, ["title", "xTitle", "yTitle", "resolution", "xRange", "yRange", "padding"]);
  const predict = typeof model === "function" ? model : model !== null && typeof model === "object" && typeof model.predict === "function" ? (x: Float64Array) => model.predict(x) : undefined;
  if (!predict) throw new Error(`model must be a function or have a predict method, got ${describe(model)}`);
  if (data === null || typeof data !== "object" || !(data.x instanceof Float64Array)) throw new Error(`data must be a Dataset, got ${describe(data)}`);
  if (data.d !== 2) throw new Error(`decisionBoundary needs 2-D inputs, got d = ${data.d}`);
  if (!(data.n > 0)) throw new Error(`data is empty (n = ${data.n})`);
  const resolution = checkInteger("resolution", options.resolution ?? 60, 2);
  const padding = checkNumber("padding", options.padding ?? 0.5, "nonNegative");
  const bounds = (axisIndex: number): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let s = 0; s < data.n; s++) {
      lo = Math.min(lo, data.x[2 * s + axisIndex]);
      hi = Math.max(hi, data.x[2 * s + axisIndex]);
    }
    return lo === hi ? [lo - padding - 1, hi + padding + 1] : [lo - padding, hi + padding];
  };
  const [x0, x1] = options.xRange ? windowOf("xRange", options.xRange) : bounds(0);
  const [y0, y1] = options.yRange ? windowOf("yRange", options.yRange) : bounds(1);
  const xs = Array.from({ length: resolution }, (_, j) => x0 + ((x1 - x0) * j) / (resolution - 1));
  const ys = Array.from({ length: resolution }, (_, i) => y0 + ((y1 - y0) * i) / (resolution - 1));
  const grid = new Float64Array(resolution * resolution * 2);
  for (let i = 0; i < resolution; i++) {
    for (let j = 0; j < resolution; j++) {
      grid[2 * (i * resolution + j)] = xs[j];
      grid[2 * (i * resolution + j) + 1] = ys[i];
    }
  }
  const out = predict(grid);
  const cells = resolution * resolution;
  if (!out || out.length === 0 || out.length % cells !== 0) throw new Error(`the model returned ${describe(out)} for ${cells} grid points`);
  const k = out.length / cells;
  const data2: Record<string, unknown>[] = [];
  const classColors = k === 1 ? ["#1f77b4", "#d62728"] : Array.from({ length: k }, (_, c) => color(c));
  if (k === 1) {
    const z = ys.map((_, i) => xs.map((__, j) => round(out[i * resolution + j])));
    data2.push({ type: "heatmap", x: roundAll(xs), y: roundAll(ys), z, zmin: 0, zmax: 1, colorscale: "RdBu", opacity: 0.55, colorbar: { title: { text: "P(class 1)" } }, hovertemplate: "P(class 1) = %{z:.3f}<extra></extra>" });
    data2.push({ type: "contour", x: roundAll(xs), y: roundAll(ys), z, contours: { start: 0.5, end: 0.5, size: 1, coloring: "lines" }, colorscale: [[0, "black"], [1, "black"]], line: { width: 2 }, showscale: false, hoverinfo: "skip", name: "boundary", showlegend: false });
  } else {
    const z = ys.map((_, i) =>
      xs.map((__, j) => {
        const o = (i * resolution + j) * k;
        let best = 0;
        for (let c = 1; c < k; c++) if (out[o + c] > out[o + best]) best = c;
        return best;
      }),
    );
    const colorscale: [number, string][] = [];
    classColors.forEach((c, idx) => {
      colorscale.push([idx / k, c], [(idx + 1) / k, c]);
    });
    data2.push({ type: "heatmap", x: roundAll(xs), y: roundAll(ys), z, zmin: -0.5, zmax: k - 0.5, colorscale, opacity: 0.35, showscale: false, hovertemplate: "predicted class %{z}<extra></extra>" });
  }
  let classes = k === 1 ? 2 : k;
  for (let s = 0; s < data.n; s++) if (data.y[s] + 1 > classes) classes = data.y[s] + 1;
  for (let c = 0; c < classes; c++) {
    const px: (number | null)[] = [];
    const py: (number | null)[] = [];
    for (let s = 0; s < data.n; s++) {
      if (data.y[s] === c) {
        px.push(round(data.x[2 * s]));
        py.push(round(data.x[2 * s + 1]));
      }
    }
    data2.push({ type: "scatter", mode: "markers", name: `class ${c}`, x: px, y: py, marker: { color: classColors[c % classColors.length], size: 6, line: { color: "white", width: 1 } } });
  }
  return {
    data: data2,
    layout: layout(options.title ?? "Decision boundary", axis(options.xTitle ?? "x₁", { range: [x0, x1] }), axis(options.yTitle ?? "x₂", { range: [y0, y1] }), BELOW),
  };
}
