/** Loss curves: one line per run against the step (or epoch). See ./index.ts for what every builder promises. */
import { checkBoolean, checkInteger, checkKeys, checkNumber, describe } from "../../core/checks";
import type { Figure } from "../figure";
import { axis, color, layout, named, round, sampleIndices } from "../figures-common";

/** A loss history: `MinimizeResult` has this shape; so does `{ losses: history.trainLoss }`. */
export interface LossSeries {
  losses: ArrayLike<number>;
  diverged?: { step: number } | null;
  /** x values (default 0, 1, 2, ...). */
  x?: ArrayLike<number>;
}

export interface LossCurvesOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Log-scale y axis (default true); values ≤ 0 are left out. */
  log?: boolean;
  /** Subtract this from every loss, e.g. the problem's minValue, to plot f − f* (default 0). */
  minus?: number;
  /** Most points drawn per run (default 400). */
  maxPoints?: number;
}

function lossSeries(name: string, run: LossSeries | ArrayLike<number>): LossSeries {
  if (run !== null && typeof run === "object" && "losses" in run) return run;
  if (run !== null && typeof run === "object" && typeof (run as ArrayLike<number>).length === "number") return { losses: run as ArrayLike<number> };
  throw new Error(`run "${name}" must be an array of losses or have a losses array, got ${describe(run)}`);
}

/**
 * Loss against step for several runs, log-scale y by default.
 * @example plot(lossCurves({ GD: minimize(p, sgd({ lr: 0.1 }), { steps: 100 }), Adam: runB }, { minus: p.minValue }))
 */
export function lossCurves(runs: Record<string, LossSeries | ArrayLike<number>> | (LossSeries & { name: string })[], options: LossCurvesOptions = {}): Figure {
  checkKeys("lossCurves", options, ["title", "xTitle", "yTitle", "log", "minus", "maxPoints"]);
  const log = checkBoolean("log", options.log ?? true);
  const minus = checkNumber("minus", options.minus ?? 0);
  const maxPoints = checkInteger("maxPoints", options.maxPoints ?? 400, 2);
  const entries = named("runs", runs);
  if (entries.length === 0) throw new Error("lossCurves: runs is empty");
  const data: Record<string, unknown>[] = [];
  entries.forEach(([name, raw], r) => {
    const run = lossSeries(name, raw);
    const n = run.losses.length;
    if (n === 0) throw new Error(`run "${name}" has no losses`);
    if (run.x !== undefined && run.x.length !== n) throw new Error(`run "${name}": x has ${run.x.length} values but losses has ${n}`);
    const show = (v: number) => {
      const y = v - minus;
      return log && !(y > 0) ? null : round(y);
    };
    const idx = sampleIndices(n, maxPoints);
    const xs = idx.map((i) => round(run.x ? run.x[i] : i));
    const ys = idx.map((i) => show(run.losses[i]));
    // A loss that is not finite cannot be drawn: say so in the legend rather than leave a silent gap.
    let bad = 0;
    let firstBad = -1;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(run.losses[i])) {
        bad++;
        if (firstBad < 0) firstBad = i;
      }
    }
    const gaps = bad > 0 ? ` (${bad} loss${bad > 1 ? "es" : ""} not finite, from index ${firstBad}: not drawn)` : "";
    const label = (run.diverged ? `${name} (diverged at step ${run.diverged.step})` : name) + gaps;
    data.push({ type: "scatter", mode: "lines", name: label, x: xs, y: ys, line: { color: color(r), width: 2 } });
    data.push({
      type: "scatter",
      mode: "markers",
      name: `${name}: diverged`,
      showlegend: false,
      x: run.diverged ? [xs[xs.length - 1]] : [],
      y: run.diverged ? [ys[ys.length - 1]] : [],
      marker: { symbol: "x", size: 12, color: color(r), line: { width: 2 } },
    });
  });
  const yTitle = options.yTitle ?? (minus !== 0 ? "loss − f*" : "loss");
  return {
    data,
    layout: layout(options.title ?? "Loss", axis(options.xTitle ?? "step"), axis(yTitle, log ? { type: "log", exponentformat: "power" } : {})),
  };
}
