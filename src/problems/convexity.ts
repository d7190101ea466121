import { checkInteger, checkKeys, describe } from "../core/checks";
import { rng } from "../data/rng";

/** A box [low, high] per coordinate, where random points are drawn. */
export type Box = [number, number][];

function checkBox(box: Box): void {
  if (!Array.isArray(box) || box.length === 0 || !box.every((r) => Array.isArray(r) && r.length === 2 && r[0] < r[1])) {
    throw new Error(`box must list [low, high] with low < high for each coordinate, got ${describe(box)}`);
  }
}

/**
 * Tests the definition of convexity, f(λx + (1 − λ)y) ≤ λf(x) + (1 − λ)f(y), at `trials` random
 * x, y in `box` and λ in [0, 1]. Returns the largest excess of the left side over the right (≤ 0, up
 * to rounding, for a convex f) and where it happened: a positive `worst` is a witness of non-convexity.
 */
export function chordCheck(f: (x: number[]) => number, box: Box, options: { trials?: number; seed?: number } = {}): { worst: number; x: number[]; y: number[]; lambda: number } {
  checkKeys("chordCheck", options, ["trials", "seed"]);
  if (typeof f !== "function") throw new Error(`chordCheck: f must be a function of a point, got ${describe(f)}`);
  checkBox(box);
  const trials = checkInteger("trials", options.trials ?? 2000, 1);
  const r = rng(checkInteger("seed", options.seed ?? 0));
  let found = { worst: -Infinity, x: [] as number[], y: [] as number[], lambda: 0 };
  for (let k = 0; k < trials; k++) {
    const x = box.map(([lo, hi]) => r.uniform(lo, hi));
    const y = box.map(([lo, hi]) => r.uniform(lo, hi));
    const lambda = r.uniform();
    const mid = x.map((xi, i) => lambda * xi + (1 - lambda) * y[i]);
    const excess = f(mid) - (lambda * f(x) + (1 - lambda) * f(y));
    if (excess > found.worst) found = { worst: excess, x, y, lambda };
  }
  return found;
}

/**
 * Tests the definition of a convex set: draws `trials` pairs of points of the set (by rejection from
 * `box`) and checks 9 points between each pair. Returns the fraction of pairs whose segment leaves
 * the set (0 for a convex set) and one such pair.
 */
export function segmentCheck(contains: (p: number[]) => boolean, box: Box, options: { trials?: number; seed?: number } = {}): { leaving: number; pair: [number[], number[]] | null } {
  checkKeys("segmentCheck", options, ["trials", "seed"]);
  if (typeof contains !== "function") throw new Error(`segmentCheck: contains must be a predicate of a point, got ${describe(contains)}`);
  checkBox(box);
  const trials = checkInteger("trials", options.trials ?? 2000, 1);
  const r = rng(checkInteger("seed", options.seed ?? 0));
  const inside = () => {
    for (let attempt = 0; attempt < 10000; attempt++) {
      const p = box.map(([lo, hi]) => r.uniform(lo, hi));
      if (contains(p)) return p;
    }
    throw new Error("segmentCheck: found no point of the set in the box after 10000 draws");
  };
  let leaving = 0;
  let pair: [number[], number[]] | null = null;
  for (let k = 0; k < trials; k++) {
    const x = inside();
    const y = inside();
    let leaves = false;
    for (let j = 1; j <= 9 && !leaves; j++) leaves = !contains(x.map((xi, i) => xi + (j / 10) * (y[i] - xi)));
    if (leaves) {
      leaving++;
      pair ??= [x, y];
    }
  }
  return { leaving: leaving / trials, pair };
}
