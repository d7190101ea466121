/**
 * A live figure's state between updates: its description, its problem (built once), the cache of
 * panels that do not change, and the last knob values and start point. The page calls `update` on
 * every slider move or drag; the static figure is the first update.
 */
import type { Figure } from "../figure";
import { computeLive, liveProblem, type LiveProblemInstance, type LiveResult } from "./compute";
import { renderLive, type RenderCache } from "./render";
import { checkLiveSpec, initialValues, type KnobValues, type LiveSpec } from "./spec";

/** A figure that carries its description: plotly draws `data` and `layout`; a page with the bundle makes it live. */
export interface LiveFigure extends Figure {
  live: LiveSpec;
}

export interface LiveSession {
  readonly spec: LiveSpec;
  readonly problem: LiveProblemInstance;
  values: KnobValues;
  start: [number, number];
  /** Recomputes every run at `values` (merged into the current ones) from `start`, and redraws. */
  update(values?: KnobValues, start?: [number, number]): { result: LiveResult; figure: Figure };
}

/** A session for a live figure's description (checked first): a page keeps one per figure and calls `update`. */
export function liveSession(spec: LiveSpec): LiveSession {
  checkLiveSpec(spec);
  const problem = liveProblem(spec.problem);
  const cache: RenderCache = new Map();
  const session: LiveSession = {
    spec,
    problem,
    values: initialValues(spec),
    start: spec.start ?? [problem.start[0], problem.start[1]],
    update(values, start) {
      if (values) session.values = { ...session.values, ...values };
      if (start) session.start = [start[0], start[1]];
      const result = computeLive(spec, problem, session.values, session.start);
      return { result, figure: renderLive(spec, problem, result, cache) };
    },
  };
  return session;
}

/**
 * The figure of a description at its knobs' initial values, carrying the description: `plot` shows it
 * as a static figure anywhere, and a page with the library's browser bundle recomputes it live.
 * @example plot(liveFigure({ title: "GD", problem: { catalog: "rosenbrock" }, runs: [...], steps: 200, knobs: [...], panels: ["contour", "loss"] }))
 */
export function liveFigure(spec: LiveSpec): LiveFigure {
  const { figure } = liveSession(spec).update();
  return { ...figure, live: spec };
}
