/**
 * Draws a live figure's runs as one plotly figure with its panels side by side. What does not depend on
 * the knobs (the contour of the problem, the theory maps) is computed once and kept in a `RenderCache`,
 * so an update rebuilds only the paths, curves and markers.
 */
import type { Figure } from "../figure";
import { color, round, roundAll } from "../figures-common";
import { contourTraces, lossCurves, lrCurves, pathTraces } from "../figures";
import type { LiveProblemInstance, LiveResult } from "./compute";
import type { LivePanel, LiveSpec } from "./spec";
import { gdRate, heavyBallRate, heavyBallRegions, nesterovRate, nesterovStabilityLimit, optimalSettings } from "./theory";

/** Static traces per panel, filled on first use. */
export type RenderCache = Map<number, Record<string, unknown>[]>;

/** Plotly's name of panel i's axes: "x", "x2", … */
export function panelAxes(i: number): { x: string; y: string; xKey: string; yKey: string } {
  const s = i === 0 ? "" : String(i + 1);
  return { x: `x${s}`, y: `y${s}`, xKey: `xaxis${s}`, yKey: `yaxis${s}` };
}

const GAP = 0.08;
/** The horizontal extent [a, b] of panel i of n, in paper coordinates. */
export function panelDomain(i: number, n: number): [number, number] {
  const w = (1 - GAP * (n - 1)) / n;
  return [i * (w + GAP), i * (w + GAP) + w];
}

/** The layout the live figures' side-by-side panels share, before each panel's axes and title. */
export function panelsLayout(title: string, height: number): Record<string, unknown> {
  return {
    title: { text: title },
    height,
    margin: { l: 55, r: 20, t: 80, b: 40 },
    showlegend: true,
    legend: { orientation: "h", x: 0, y: -0.18, yanchor: "top" },
    dragmode: false,
    hovermode: "closest",
  };
}

/** A panel's title, centered above its extent [a, b] (paper coordinates). */
export function panelTitle(text: string, a: number, b: number): Record<string, unknown> {
  return { text, x: (a + b) / 2, y: 1.02, xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 13 } };
}

interface Panel {
  title: string;
  traces: Record<string, unknown>[];
  xaxis: Record<string, unknown>;
  yaxis: Record<string, unknown>;
}

/** The figure for `result`, with `spec.title` and one panel per entry of `spec.panels`. */
export function renderLive(spec: LiveSpec, problem: LiveProblemInstance, result: LiveResult, cache: RenderCache = new Map()): Figure {
  const n = spec.panels.length;
  const data: Record<string, unknown>[] = [];
  const layout = panelsLayout(spec.title, 460);
  const annotations: Record<string, unknown>[] = [];
  spec.panels.forEach((kind, i) => {
    const panel = PANELS[kind](spec, problem, result, cache, i, n);
    const axes = panelAxes(i);
    const [a, b] = panelDomain(i, n);
    for (const trace of panel.traces) {
      if (isStaticTrace(trace)) {
        // The same object every update (placed on its panel's axes once), so a page can skip it.
        Object.assign(trace, { xaxis: axes.x, yaxis: axes.y });
        data.push(trace);
      } else {
        data.push({ ...trace, xaxis: axes.x, yaxis: axes.y });
      }
    }
    layout[axes.xKey] = { ...panel.xaxis, domain: [a, b], anchor: axes.y };
    layout[axes.yKey] = { ...panel.yaxis, anchor: axes.x };
    annotations.push(panelTitle(panel.title, a, b));
  });
  layout.annotations = annotations;
  return { data, layout, config: { responsive: true, displaylogo: false, displayModeBar: false } };
}

type PanelBuilder = (spec: LiveSpec, problem: LiveProblemInstance, result: LiveResult, cache: RenderCache, i: number, n: number) => Panel;

/**
 * The traces that do not depend on the knobs or the start, drawn once: a page redraws only the others
 * (`isStaticTrace` tells them apart), which keeps an update within a frame.
 */
const staticTraces = new WeakSet<object>();
/** True for the traces a live figure draws once (contours, theory maps), the same object at every update. */
export function isStaticTrace(trace: object): boolean {
  return staticTraces.has(trace);
}

function cached(cache: RenderCache, i: number, build: () => Record<string, unknown>[]): Record<string, unknown>[] {
  let traces = cache.get(i);
  if (!traces) {
    traces = build();
    for (const t of traces) staticTraces.add(t);
    cache.set(i, traces);
  }
  return traces;
}

const fmt = (v: number) => (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? String(Number(v.toPrecision(3))) : v.toExponential(2));

function knob(spec: LiveSpec, result: LiveResult, role: "eta" | "beta"): { name: string; value: number; min: number; max: number } {
  const name = spec.theory?.[role] ?? role;
  const k = spec.knobs.find((q) => q.name === name)!;
  return { name, value: result.values[name], min: k.min, max: k.max };
}

function eigenvaluesOf(problem: LiveProblemInstance, kind: string): number[] {
  if (!problem.eigenvalues) throw new Error(`the ${kind} panel needs a quadratic problem (its eigenvalues), got ${problem.name}`);
  return problem.eigenvalues;
}

const contourPanel: PanelBuilder = (spec, problem, result, cache, i, n) => {
  const [contour, minima] = cached(cache, i, () => {
    const surface = contourTraces(problem, { resolution: 70 });
    return [{ ...surface.contour, showscale: n === 1 }, surface.minima];
  });
  const traces: Record<string, unknown>[] = [contour];
  result.runs.forEach((run, r) => {
    const [path, end] = pathTraces(run.name, run, r, 400);
    traces.push({ ...path, legendgroup: run.name }, { ...end, legendgroup: run.name });
  });
  traces.push(minima);
  traces.push({
    type: "scatter",
    mode: "markers",
    name: spec.draggableStart === false ? "start" : "start (drag it)",
    x: [round(result.start[0])],
    y: [round(result.start[1])],
    marker: { symbol: "circle", size: 13, color: "white", line: { color: "black", width: 2 } },
  });
  const [vx, vy] = problem.variables;
  return {
    title: `paths on ${problem.name}`,
    traces,
    xaxis: { title: { text: vx }, range: problem.xRange, fixedrange: true },
    yaxis: { title: { text: vy }, range: problem.yRange, fixedrange: true },
  };
};

/** Means of `values` over consecutive windows of `width` steps, drawn at each window's last step. */
function windowMeans(values: Float64Array, width: number): { x: number[]; losses: number[] } {
  const x: number[] = [0];
  const losses: number[] = [values[0]];
  for (let from = 1; from < values.length; from += width) {
    const to = Math.min(from + width, values.length);
    let sum = 0;
    for (let k = from; k < to; k++) sum += values[k];
    x.push(to - 1);
    losses.push(sum / (to - from));
  }
  return { x, losses };
}

/**
 * The y range of the traces' values, padded 5% (log10 units on a log axis, positive values only):
 * set explicitly, so a page can move the curves without plotly recomputing its autorange.
 */
function valueRange(traces: Record<string, unknown>[], log: boolean): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of traces) {
    for (const v of (t.y as unknown[]) ?? []) {
      if (typeof v !== "number" || !Number.isFinite(v) || (log && v <= 0)) continue;
      const u = log ? Math.log10(v) : v;
      if (u < lo) lo = u;
      if (u > hi) hi = u;
    }
  }
  if (!(lo <= hi)) return undefined;
  const pad = hi > lo ? 0.05 * (hi - lo) : 0.5;
  return [round(lo - pad)!, round(hi + pad)!];
}

const lossPanel: PanelBuilder = (spec, problem, result) => {
  const minus = problem.minValue ?? 0;
  const ls = problem.stochastic;
  // A mini-batch run's loss jitters from step to step: its means over windows show the level it settles at.
  const width = ls ? Math.max(1, Math.round(spec.steps / 50)) : 1;
  // A formula with no known minimum may go negative: then the axis is linear.
  const log = problem.minValue !== undefined || result.runs.every((run) => run.losses.every((v) => v > 0));
  const figure = lossCurves(
    result.runs.map((run) => ({ name: run.name, diverged: run.diverged, ...(width > 1 ? windowMeans(run.losses, width) : { losses: run.losses }) })),
    { minus, log },
  );
  const traces: Record<string, unknown>[] = figure.data.map((t, k) => ({ ...t, showlegend: spec.panels.includes("contour") ? false : t.showlegend, legendgroup: result.runs[k >> 1].name }));
  if (ls) {
    result.runs.forEach((run, r) => {
      if (run.eta === undefined || run.batchSize === undefined) return;
      const floor = (run.eta * ls.traceSigma) / (4 * run.batchSize);
      traces.push({ type: "scatter", mode: "lines", name: `${run.name}: floor η trΣ*/(4B) = ${fmt(floor)}`, x: [0, spec.steps], y: [round(floor), round(floor)], line: { dash: "dot", color: color(r), width: 1.5 } });
    });
  }
  return {
    title: ls ? (width > 1 ? `excess loss f − f*, means of ${width} steps` : "excess loss f − f*") : minus !== 0 ? "loss − f*" : "loss",
    traces,
    xaxis: { title: { text: "step" }, range: [0, spec.steps] },
    yaxis: log
      ? { title: { text: minus !== 0 || ls ? "loss − f* (log)" : "loss (log)" }, type: "log", exponentformat: "power", range: valueRange(traces, true) }
      : { title: { text: "loss" }, range: valueRange(traces, false) },
  };
};

const lrPanel: PanelBuilder = (spec, _problem, result) => {
  const figure = lrCurves(Object.fromEntries(result.runs.map((run) => [run.name, run.lrs])), { steps: spec.steps });
  return {
    title: "learning rate η_t",
    traces: figure.data.map((t) => ({ ...t, showlegend: false, legendgroup: t.name })),
    xaxis: { title: { text: "step" }, range: [0, spec.steps] },
    yaxis: { title: { text: "η_t" }, range: [0, 1.05 * Math.max(...(valueRange(figure.data, false)?.map(Math.abs) ?? [1]))] },
  };
};

const gdRatePanel: PanelBuilder = (spec, problem, result, cache, i) => {
  const eigs = eigenvaluesOf(problem, "gdRate");
  const eta = knob(spec, result, "eta");
  const L = Math.max(...eigs);
  const mu = Math.min(...eigs);
  const best = optimalSettings(mu, L).gd;
  const fixed = cached(cache, i, () => {
    const xs = Array.from({ length: 201 }, (_, k) => eta.min + ((eta.max - eta.min) * k) / 200);
    return [
      { type: "scatter", mode: "lines", name: "rate max|1 − ηλ|", showlegend: false, x: roundAll(xs), y: xs.map((x) => round(gdRate(x, eigs))), line: { color: "#444", width: 2 } },
      { type: "scatter", mode: "lines", name: "η = 2/L", showlegend: false, x: [round(2 / L), round(2 / L)], y: [0, 1.6], line: { dash: "dash", color: "#d62728", width: 1.5 } },
      { type: "scatter", mode: "lines", name: "rate 1", showlegend: false, x: [eta.min, eta.max], y: [1, 1], line: { dash: "dot", color: "#999", width: 1 } },
      { type: "scatter", mode: "markers+text", name: "best η = 2/(μ + L)", showlegend: false, x: [round(best.eta)], y: [round(best.rate)], text: ["2/(μ+L)"], textposition: "bottom center", marker: { symbol: "star", size: 12, color: "black" } },
      { type: "scatter", mode: "text", name: "2/L", showlegend: false, x: [round(2 / L)], y: [1.5], text: ["η = 2/L"], textposition: "middle left" },
    ];
  });
  const rate = gdRate(eta.value, eigs);
  return {
    title: `rate at η = ${fmt(eta.value)}: ${fmt(rate)}${rate >= 1 ? " (diverges)" : ""}`,
    traces: [...fixed, { type: "scatter", mode: "markers", name: "η now", showlegend: false, x: [round(eta.value)], y: [round(Math.min(rate, 1.6))], marker: { size: 12, color: "#1f77b4", line: { color: "black", width: 1 } } }],
    xaxis: { title: { text: "learning rate η" }, range: [eta.min, eta.max], fixedrange: true },
    yaxis: { title: { text: "rate per step" }, range: [0, 1.6], fixedrange: true },
  };
};

const regionsPanel: PanelBuilder = (spec, problem, result, cache, i) => {
  const eigs = eigenvaluesOf(problem, "momentumRegions");
  const eta = knob(spec, result, "eta");
  const beta = knob(spec, result, "beta");
  const L = Math.max(...eigs);
  const mu = Math.min(...eigs);
  const best = optimalSettings(mu, L).heavyBall;
  const fixed = cached(cache, i, () => {
    const xs = Array.from({ length: 61 }, (_, k) => eta.min + ((eta.max - eta.min) * k) / 60);
    const ys = Array.from({ length: 61 }, (_, k) => beta.min + ((beta.max - beta.min) * k) / 60);
    const z = ys.map((b) => xs.map((e) => round(Math.min(heavyBallRate(e, b, eigs), 1.05))));
    const bs = Array.from({ length: 101 }, (_, k) => beta.min + ((beta.max - beta.min) * k) / 100);
    const boundary = (name: string, f: (b: number) => number, dash: string) => ({
      type: "scatter", mode: "lines", name, showlegend: false, hoverinfo: "name", x: bs.map((b) => round(f(b) / L)), y: roundAll(bs), line: { color: "white", width: 1.5, dash },
    });
    return [
      { type: "heatmap", name: "heavy-ball rate", x: roundAll(xs), y: roundAll(ys), z, zmin: 0, zmax: 1.05, colorscale: "Viridis", reversescale: true, colorbar: { title: { text: "rate" }, len: 0.8, thickness: 12 }, hovertemplate: "η = %{x:.3g}<br>β = %{y:.3g}<br>rate %{z:.3f}<extra></extra>" },
      boundary("ripples begin (complex roots, λ = L)", (b) => heavyBallRegions(b).ripplesFrom, "dot"),
      boundary("oscillation begins (negative root, λ = L)", (b) => heavyBallRegions(b).oscillationFrom, "dash"),
      boundary("divergence (λ = L)", (b) => heavyBallRegions(b).divergenceFrom, "solid"),
      { type: "scatter", mode: "markers", name: "optimal (η*, β*)", showlegend: false, x: [round(best.eta)], y: [round(best.beta)], marker: { symbol: "star", size: 13, color: "white", line: { color: "black", width: 1 } } },
    ];
  });
  const rate = heavyBallRate(eta.value, beta.value, eigs);
  return {
    title: `heavy-ball rate ${fmt(rate)}${rate >= 1 ? " (diverges)" : ""}; best ${fmt(best.rate)} ☆`,
    traces: [...fixed, { type: "scatter", mode: "markers", name: "(η, β) now", showlegend: false, x: [round(eta.value)], y: [round(beta.value)], marker: { size: 12, color: "#ff7f0e", line: { color: "black", width: 1 } } }],
    xaxis: { title: { text: "learning rate η" }, range: [eta.min, eta.max], fixedrange: true },
    yaxis: { title: { text: "momentum β" }, range: [beta.min, beta.max], fixedrange: true },
  };
};

const stabilityPanel: PanelBuilder = (spec, problem, result, cache, i) => {
  const eigs = eigenvaluesOf(problem, "stability");
  const eta = knob(spec, result, "eta");
  const beta = knob(spec, result, "beta");
  const L = Math.max(...eigs);
  const fixed = cached(cache, i, () => {
    const bs = Array.from({ length: 101 }, (_, k) => (0.99 * k) / 100);
    return [
      { type: "scatter", mode: "lines", name: "Nesterov stable: ηL < 2(1+β)/(1+2β)", showlegend: false, x: roundAll(bs), y: bs.map((b) => round(nesterovStabilityLimit(b))), fill: "tozeroy", fillcolor: "rgba(44,160,44,0.25)", line: { color: "#2ca02c", width: 2 } },
      { type: "scatter", mode: "lines", name: "heavy ball stable: ηL < 2(1+β)", showlegend: false, x: roundAll(bs), y: bs.map((b) => round(2 * (1 + b))), fill: "tonexty", fillcolor: "rgba(31,119,180,0.15)", line: { color: "#1f77b4", width: 2 } },
      { type: "scatter", mode: "text", name: "labels", showlegend: false, x: [0.5, 0.5], y: [0.6, 2.45], text: ["both stable", "heavy ball only"], hoverinfo: "skip" },
    ];
  });
  const hb = heavyBallRate(eta.value, beta.value, eigs);
  const nag = nesterovRate(eta.value, beta.value, eigs) < 1;
  return {
    title: `ηL = ${fmt(eta.value * L)}: heavy ball ${hb < 1 ? "stable" : "unstable"}, Nesterov ${nag ? "stable" : "unstable"}`,
    traces: [...fixed, { type: "scatter", mode: "markers", name: "(β, ηL) now", showlegend: false, x: [round(beta.value)], y: [round(eta.value * L)], marker: { size: 12, color: "#ff7f0e", line: { color: "black", width: 1 } } }],
    xaxis: { title: { text: "momentum β" }, range: [0, 1], fixedrange: true },
    yaxis: { title: { text: "η · L" }, range: [0, Math.max(4.2, 1.05 * eta.max * L)], fixedrange: true },
  };
};

const PANELS: Record<LivePanel, PanelBuilder> = {
  contour: contourPanel,
  loss: lossPanel,
  lr: lrPanel,
  gdRate: gdRatePanel,
  momentumRegions: regionsPanel,
  stability: stabilityPanel,
};
