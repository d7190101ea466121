/**
 * Runs a live figure's description at given knob values with the library's own optimizers, schedules
 * and `minimize`: the same code in Node (the static figure) and in the reader's browser (every update).
 */
import { describe } from "../../core/checks";
import { epochOrder } from "../../data/dataset";
import * as optimizers from "../../optimizers";
import { d2lQuadratic, rosenbrock, beale, himmelblau, saddle, rastrigin } from "../../problems/catalog";
import { defineProblem } from "../../problems/problem";
import { quadraticBowl } from "../../problems/quadratic";
import { withStaleGradients } from "../../problems/staleGradients";
import { leastSquaresLine, type LeastSquaresLine } from "../../problems/leastSquaresLine";
import * as schedules from "../../schedules";
import type { Schedule } from "../../schedules/schedule";
import { minimize } from "../../training/minimize";
import { DEFAULT_LIMIT, allFinite, type Divergence, type StepOptimizer } from "../../training/optimizer";
import { type KnobValues, type LiveProblem, type LiveRun, type LiveSchedule, type LiveSpec, resolveOptions, resolveValue } from "./spec";

/** A problem as the live figures use it: 2-D, with a window and, for quadratics, eigenvalues. */
export interface LiveProblemInstance {
  name: string;
  dim: number;
  variables: string[];
  start: number[];
  minima: number[][];
  minValue: number | undefined;
  xRange: [number, number];
  yRange: [number, number];
  value(x: ArrayLike<number>): number;
  gradient(x: ArrayLike<number>, out: Float64Array): Float64Array;
  /** Hessian eigenvalues (quadratics only). */
  eigenvalues?: number[];
  /** Set for the least-squares problem, whose runs take mini-batches. */
  stochastic?: LeastSquaresLine;
}

const CATALOG = { d2lQuadratic, rosenbrock, beale, himmelblau, saddle, rastrigin } as const;

/** The problem a description names, built by the library (mathjs differentiates an expression). */
export function liveProblem(ref: LiveProblem): LiveProblemInstance {
  if (ref === null || typeof ref !== "object") throw new Error(`problem must be an object, got ${describe(ref)}`);
  if ("catalog" in ref) {
    const make = CATALOG[ref.catalog];
    if (typeof make !== "function") throw new Error(`unknown catalog problem ${describe(ref.catalog)}; one of ${Object.keys(CATALOG).join(", ")}`);
    const p = make();
    return { ...pick(p), value: (x) => p.value(x), gradient: (x, out) => p.gradient(x, out) };
  }
  if ("quadratic" in ref) {
    const { mu, L, angle } = ref.quadratic;
    const p = quadraticBowl({ condition: L / mu, scale: L, angle: angle ?? 0 });
    const half = Math.max(1.2 * Math.abs(ref.start?.[0] ?? 1), 1.2 * Math.abs(ref.start?.[1] ?? 1));
    return {
      ...pick(p),
      start: ref.start ?? p.start.slice(),
      xRange: ref.xRange ?? [-half, half],
      yRange: ref.yRange ?? [-half, half],
      eigenvalues: p.eigenvalues.slice(),
      value: (x) => p.value(x),
      gradient: (x, out) => p.gradient(x, out),
    };
  }
  if ("expression" in ref) {
    const p = defineProblem({ name: ref.expression, expression: ref.expression, variables: ref.variables, start: ref.start, xRange: ref.xRange, yRange: ref.yRange, minima: ref.minima });
    if (p.dim !== 2) throw new Error(`the expression must have two variables, got ${p.dim} (${p.variables.join(", ")})`);
    return { ...pick(p), value: (x) => p.value(x), gradient: (x, out) => p.gradient(x, out) };
  }
  if ("leastSquares" in ref) {
    const p = leastSquaresLine(ref.leastSquares);
    return { ...pick(p), stochastic: p, value: p.value, gradient: p.gradient };
  }
  throw new Error(`problem must name a catalog problem, a quadratic, an expression or leastSquares, got ${describe(ref)}`);
}

function pick(p: Omit<LiveProblemInstance, "value" | "gradient">): Omit<LiveProblemInstance, "value" | "gradient"> {
  return { name: p.name, dim: p.dim, variables: p.variables.slice(), start: p.start.slice(), minima: p.minima.map((m) => m.slice()), minValue: p.minValue, xRange: p.xRange, yRange: p.yRange };
}

// The factories a description may name, looked up by name (each validates its own options).
type Factory = (options: Record<string, unknown>) => StepOptimizer;
const { sgd, heavyBall, emaMomentum, adagrad, rmsprop, adadelta, adam, adamw, adamax, nadam, yogi } = optimizers;
const OPTIMIZERS = { sgd, heavyBall, emaMomentum, adagrad, rmsprop, adadelta, adam, adamw, adamax, nadam, yogi } as unknown as Record<string, Factory>;
const { constantLr, stepDecay, exponentialDecay, inverseTimeDecay, cosineDecay, polynomialDecay, linearWarmup, oneCycle } = schedules;
const SCHEDULES = { constant: constantLr, stepDecay, exponentialDecay, inverseTimeDecay, cosineDecay, polynomialDecay, linearWarmup, oneCycle } as unknown as Record<string, (options: Record<string, unknown>) => Schedule>;

/** The schedule a description names, at the knobs' values (`totalSteps` defaults to the figure's steps). */
export function liveSchedule(schedule: LiveSchedule, values: KnobValues, steps: number, where: string): Schedule {
  const options: Record<string, unknown> = resolveOptions(schedule.options ?? {}, values, `${where}.schedule.options`);
  if (["cosineDecay", "polynomialDecay", "oneCycle"].includes(schedule.kind)) options.totalSteps ??= steps;
  const make = Object.hasOwn(SCHEDULES, schedule.kind) ? SCHEDULES[schedule.kind] : undefined;
  if (!make) throw new Error(`${where}: unknown schedule ${describe(schedule.kind)}`);
  return make(options);
}

/** A run's optimizer at the knobs' values, its schedule (if any) as the learning rate. */
export function liveOptimizer(run: LiveRun, values: KnobValues, steps: number, where = `run "${run.name}"`): StepOptimizer {
  const make = Object.hasOwn(OPTIMIZERS, run.optimizer) ? OPTIMIZERS[run.optimizer] : undefined;
  if (!make) throw new Error(`${where}: unknown optimizer ${describe(run.optimizer)}`);
  const options: Record<string, unknown> = resolveOptions(run.options ?? {}, values, `${where}.options`);
  if (run.schedule) options.lr = liveSchedule(run.schedule, values, steps, where);
  return make(options);
}

/** One computed run: what the panels draw. */
export interface LiveRunResult {
  name: string;
  trajectory: Float64Array;
  losses: Float64Array;
  diverged: Divergence | null;
  /** The learning rate of each update (steps values). */
  lrs: Float64Array;
  /** Mini-batch size (stochastic runs). */
  batchSize?: number;
  /** The run's constant learning rate, when it has one (for the noise-floor line). */
  eta?: number;
}

export interface LiveResult {
  values: KnobValues;
  start: [number, number];
  runs: LiveRunResult[];
}

/**
 * Every run of the figure at the knob values `values`, from `start` (default: the description's, else
 * the problem's). Runs that blow up stop and are marked diverged, as in `minimize`.
 */
export function computeLive(spec: LiveSpec, problem: LiveProblemInstance, values: KnobValues, start?: [number, number]): LiveResult {
  const from: [number, number] = start ?? spec.start ?? [problem.start[0], problem.start[1]];
  const runs = spec.runs.map((run, i) => {
    const where = `runs[${i}] ("${run.name}")`;
    const optimizer = liveOptimizer(run, values, spec.steps, where);
    const lrOption = run.schedule ? undefined : resolveValue(run.options.lr ?? NaN, values, `${where}.options.lr`);
    const schedule = run.schedule ? liveSchedule(run.schedule, values, spec.steps, where) : undefined;
    const lrs = new Float64Array(spec.steps);
    for (let k = 0; k < spec.steps; k++) lrs[k] = schedule ? schedule(k) : Number(lrOption);
    const eta = typeof lrOption === "number" ? lrOption : undefined;
    if (problem.stochastic) {
      if (run.staleness !== undefined) throw new Error(`${where}: staleness needs a deterministic problem, not least squares`);
      const batchSize = run.batchSize === undefined ? problem.stochastic.n : Number(resolveValue(run.batchSize, values, `${where}.batchSize`));
      return { name: run.name, lrs, eta, batchSize, ...miniBatchRun(problem.stochastic, optimizer, spec.steps, batchSize, run.seed ?? 0, from) };
    }
    if (run.staleness !== undefined) {
      const staleness = resolveValue(run.staleness, values, `${where}.staleness`);
      if (typeof staleness !== "number" || !Number.isInteger(staleness) || staleness < 0) throw new Error(`${where}: staleness τ must be a whole number of steps, got ${describe(staleness)}`);
      const stale = withStaleGradients(problem, { staleness });
      const result = minimize(stale as never, optimizer, { steps: spec.steps, start: from });
      return { name: run.name, lrs, eta, trajectory: result.trajectory, losses: result.losses, diverged: result.diverged };
    }
    const result = minimize(problem as never, optimizer, { steps: spec.steps, start: from });
    return { name: run.name, lrs, eta, trajectory: result.trajectory, losses: result.losses, diverged: result.diverged };
  });
  return { values: { ...values }, start: from, runs };
}

/**
 * Mini-batch SGD on the least-squares line: reshuffled epochs (`epochOrder`, as `batches` and `fit`
 * draw them) cut into consecutive batches of `batchSize`, the last one of an epoch possibly smaller.
 * The recorded loss is J at each iterate.
 */
export function miniBatchRun(problem: LeastSquaresLine, optimizer: StepOptimizer, steps: number, batchSize: number, seed: number, start: [number, number]): Pick<LiveRunResult, "trajectory" | "losses" | "diverged"> {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > problem.n) throw new Error(`batch size must be an integer in [1, ${problem.n}], got ${describe(batchSize)}`);
  const p = Float64Array.from(start);
  const g = new Float64Array(2);
  const trajectory = new Float64Array(2 * (steps + 1));
  const losses = new Float64Array(steps + 1);
  trajectory.set(p, 0);
  losses[0] = problem.value(p);
  let k = 0;
  for (let epoch = 0; k < steps; epoch++) {
    const order = epochOrder(problem.n, true, seed, epoch);
    for (let from = 0; from < problem.n && k < steps; from += batchSize) {
      problem.batchGradient(p, order, from, Math.min(from + batchSize, problem.n), g);
      optimizer.step(p, g);
      const f = problem.value(p);
      if (!(Math.abs(f) <= DEFAULT_LIMIT) || !allFinite(p, DEFAULT_LIMIT)) {
        return { trajectory: trajectory.slice(0, 2 * (k + 1)), losses: losses.slice(0, k + 1), diverged: { step: k + 1 } };
      }
      k += 1;
      trajectory.set(p, 2 * k);
      losses[k] = f;
    }
  }
  return { trajectory, losses, diverged: null };
}
