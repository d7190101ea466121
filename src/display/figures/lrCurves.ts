/** Learning-rate schedules drawn against the step. See ./index.ts for what every builder promises. */
import { checkInteger, checkKeys, describe } from "../../core/checks";
import type { Figure } from "../figure";
import { axis, color, layout, named, round, sampleIndices } from "../figures-common";

export interface LrCurvesOptions {
  /** Steps to draw (required for schedule functions; default: the longest array). */
  steps?: number;
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Log-scale y axis (default false). */
  log?: boolean;
  /** Most points drawn per curve (default 500). */
  maxPoints?: number;
}

/**
 * Learning rate against step for schedules (functions of the 0-based step) or arrays of rates.
 * @example plot(lrCurves({ cosine: cosineDecay({ lr: 0.1, totalSteps: 1000 }), step: stepDecay({ lr: 0.1, stepSize: 300 }) }, { steps: 1000 }))
 */
export function lrCurves(schedules: Record<string, ((step: number) => number) | ArrayLike<number>>, options: LrCurvesOptions = {}): Figure {
  checkKeys("lrCurves", options, ["steps", "title", "xTitle", "yTitle", "log", "maxPoints"]);
  const entries = named("schedules", schedules);
  if (entries.length === 0) throw new Error("lrCurves: schedules is empty");
  const maxPoints = checkInteger("maxPoints", options.maxPoints ?? 500, 2);
  const arrays = entries.map(([, s]) => (typeof s === "function" ? 0 : s.length));
  const steps = options.steps !== undefined ? checkInteger("steps", options.steps, 1) : Math.max(...arrays);
  if (!(steps > 0)) throw new Error("lrCurves: steps is required when the schedules are functions");
  const log = options.log ?? false;
  const data = entries.map(([name, s], r) => {
    if (typeof s !== "function" && (s === null || typeof s !== "object" || typeof s.length !== "number")) {
      throw new Error(`schedule "${name}" must be a function of the step or an array of rates, got ${describe(s)}`);
    }
    const n = typeof s === "function" ? steps : Math.min(s.length, steps);
    const idx = sampleIndices(n, maxPoints);
    const ys = idx.map((i) => {
      const v = typeof s === "function" ? s(i) : s[i];
      if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`schedule "${name}" gave ${describe(v)} at step ${i}`);
      return round(v);
    });
    return { type: "scatter", mode: "lines", name, x: idx, y: ys, line: { color: color(r), width: 2 } };
  });
  return {
    data,
    layout: layout(options.title ?? "Learning rate", axis(options.xTitle ?? "step"), axis(options.yTitle ?? "learning rate", log ? { type: "log", exponentformat: "power" } : {})),
  };
}
