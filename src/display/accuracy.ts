import { describe } from "../core/checks";
import type { Figure } from "./figure";
import { axis, color, layout, named, round } from "./figures-common";

/** A per-epoch accuracy history: `fit`'s result has this shape (entry 0 is before training). */
export interface AccuracySeries {
  testAccuracy?: number[];
  trainAccuracy?: number[];
  diverged?: { epoch: number } | null;
}

export interface AccuracyCurvesOptions {
  /** Which accuracy to draw (default "test"). */
  which?: "test" | "train";
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** First epoch drawn (default 0, before training); 1 zooms in on the differences between trained runs. */
  fromEpoch?: number;
}

/**
 * Accuracy (in %) against epoch for several `fit` runs, one line each; a run that diverged ends with ✕.
 * @example plot(accuracyCurves({ constant: runA, cosine: runB }, { title: "test accuracy" }))
 */
export function accuracyCurves(runs: Record<string, AccuracySeries> | (AccuracySeries & { name: string })[], options: AccuracyCurvesOptions = {}): Figure {
  const which = options.which ?? "test";
  const from = options.fromEpoch ?? 0;
  if (!(Number.isInteger(from) && from >= 0)) throw new Error(`accuracyCurves: fromEpoch must be a non-negative integer, got ${describe(from)}`);
  const key = which === "test" ? "testAccuracy" : "trainAccuracy";
  const data: Record<string, unknown>[] = [];
  named("runs", runs).forEach(([name, run], i) => {
    const values = run?.[key];
    if (!Array.isArray(values)) throw new Error(`accuracyCurves: run "${name}" has no ${key} array (give fit a test set for test accuracy), got ${describe(values)}`);
    const x = values.map((_, e) => e).slice(from);
    const y = values.map((a) => round(100 * a)).slice(from);
    data.push({ x, y, mode: "lines+markers", name, line: { color: color(i) }, marker: { size: 5 } });
    if (run.diverged) data.push({ x: [x[x.length - 1]], y: [y[y.length - 1]], mode: "markers", name: `${name} diverged`, showlegend: false, marker: { symbol: "x", size: 12, color: color(i) } });
  });
  return {
    data,
    layout: layout(options.title ?? `${which === "test" ? "Test" : "Training"} accuracy during training`, axis(options.xTitle ?? "epoch"), axis(options.yTitle ?? `${which} accuracy (%)`), {
      legend: { orientation: "h", x: 0, y: -0.25, yanchor: "top" },
    }),
  };
}
