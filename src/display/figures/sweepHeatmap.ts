/** The final loss of a hyperparameter sweep as a heatmap. See ./index.ts for what every builder promises. */
import { checkKeys, describe } from "../../core/checks";
import type { Figure } from "../figure";
import { axis, color, decadeTicks, layout, round } from "../figures-common";
import { BELOW, windowOf } from "./shared";

/** The grid of a sweep: `SweepResult` has this shape. */
export interface SweepGrid {
  x: number[];
  y: number[];
  /** y.length × x.length row-major. */
  final: ArrayLike<number>;
  /** Non-zero where the run diverged (drawn blank). */
  divergedAt?: ArrayLike<number>;
  xName?: string;
  yName?: string;
  steps?: number;
  problem?: string;
  best?: { x: number; y: number; loss: number } | null;
}

export interface SweepHeatmapOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Log-scale x (default: when all x > 0 and they span a factor of 100 or more). */
  logX?: boolean;
  logY?: boolean;
  /** Color by log₁₀ of the loss (default true). */
  logZ?: boolean;
  /** Color range, in the units drawn (log₁₀ loss with logZ). */
  zRange?: [number, number];
}

function wantsLog(values: number[]): boolean {
  return values.every((v) => v > 0) && Math.max(...values) / Math.min(...values) >= 100;
}

/**
 * The final loss of every run of a sweep as a heatmap: x across, y up, color log₁₀(loss). Diverged runs
 * are blank; the best run is starred. Log axes are drawn as log₁₀ coordinates with decade ticks
 * (plotly's own log axes drop a heatmap's first row and column).
 * @example plot(sweepHeatmap(sweep(p, (lr, beta) => sgd({ lr, momentum: beta }), { x: lrs, y: betas, steps: 500 })))
 */
export function sweepHeatmap(result: SweepGrid, options: SweepHeatmapOptions = {}): Figure {
  checkKeys("sweepHeatmap", options, ["title", "xTitle", "yTitle", "logX", "logY", "logZ", "zRange"]);
  if (result === null || typeof result !== "object" || !Array.isArray(result.x) || !Array.isArray(result.y)) {
    throw new Error(`sweepHeatmap needs a sweep result with x, y and final, got ${describe(result)}`);
  }
  const { x, y, final } = result;
  if (final.length !== x.length * y.length) throw new Error(`final has ${final.length} values but x × y is ${x.length} × ${y.length}`);
  const logX = options.logX ?? wantsLog(x);
  const logY = options.logY ?? wantsLog(y);
  const logZ = options.logZ ?? true;
  if (logX && !x.every((v) => v > 0)) throw new Error("logX needs every x > 0");
  if (logY && !y.every((v) => v > 0)) throw new Error("logY needs every y > 0");
  const tx = (v: number) => (logX ? Math.log10(v) : v);
  const ty = (v: number) => (logY ? Math.log10(v) : v);
  let smallest = Infinity;
  for (let c = 0; c < final.length; c++) if (final[c] > 0 && final[c] < smallest) smallest = final[c];
  let diverged = 0;
  const z = y.map((_, i) =>
    x.map((__, j) => {
      const c = i * x.length + j;
      if (result.divergedAt && result.divergedAt[c]) {
        diverged++;
        return null;
      }
      const v = final[c];
      if (!logZ) return round(v);
      return round(Math.log10(v > 0 ? v : Number.isFinite(smallest) ? smallest : 1e-300));
    }),
  );
  const xName = options.xTitle ?? result.xName ?? "x";
  const yName = options.yTitle ?? result.yName ?? "y";
  const heat: Record<string, unknown> = {
    type: "heatmap",
    x: x.map((v) => round(tx(v))),
    y: y.map((v) => round(ty(v))),
    z,
    colorscale: "Viridis",
    hoverongaps: false,
    colorbar: { title: { text: logZ ? "log₁₀ loss" : "loss" } },
    hovertemplate: `${xName} = ${logX ? "10^%{x:.3f}" : "%{x}"}<br>${yName} = ${logY ? "10^%{y:.3f}" : "%{y}"}<br>${logZ ? "log₁₀ loss" : "loss"} = %{z:.4g}<extra></extra>`,
  };
  if (options.zRange) {
    const [zmin, zmax] = windowOf("zRange", options.zRange);
    Object.assign(heat, { zmin, zmax });
  }
  const data: Record<string, unknown>[] = [heat];
  const best = result.best;
  data.push({
    type: "scatter",
    mode: "markers",
    name: best ? `best: ${xName} = ${round(best.x)}, ${yName} = ${round(best.y)}` : "best",
    showlegend: !!best,
    x: best ? [round(tx(best.x))] : [],
    y: best ? [round(ty(best.y))] : [],
    marker: { symbol: "star", size: 14, color: "white", line: { color: "black", width: 1 } },
  });
  const xAxis = axis(logX ? `${xName} (log scale)` : xName, logX ? decadeTicks(x.map(tx)) : {});
  const yAxis = axis(logY ? `${yName} (log scale)` : yName, logY ? decadeTicks(y.map(ty)) : {});
  const annotations = diverged > 0
    ? [{ text: `${diverged} of ${final.length} runs diverged (blank)`, xref: "paper", yref: "paper", x: 0, y: 1.02, xanchor: "left", yanchor: "bottom", showarrow: false }]
    : [];
  const title = options.title ?? `Final loss${result.steps ? ` after ${result.steps} steps` : ""}${result.problem ? ` on ${result.problem}` : ""}`;
  return { data, layout: layout(title, xAxis, yAxis, { annotations, ...BELOW }) };
}
