import { functionKey, numberKey } from "../key";

// The lesson's noisy bowl: eigenvalues 0.5 and 2, gradient noise s = 1. The expected floor of
// gradient descent at a fixed rate η: Σᵢ ησ²/(2(2 − ηhᵢ)).
const eigenvalues = [0.5, 2];
const floorAt = (eta: number) => eigenvalues.reduce((s, h) => s + eta / (2 * (2 - eta * h)), 0);
function rateForFloor(target: number): number {
  let lo = 0, hi = 0.9;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (floorAt(mid) < target) lo = mid;
    else hi = mid;
  }
  return lo;
}

export default {
  "07a.1": numberKey("updates until the inverse-time rate is 0.02", () => (0.1 / 0.02 - 1) / 0.004, {
    tolerance: { rtol: 0, atol: 0.5 },
    hint: "solve η₀/(1 + γt) = 0.02 for t.",
  }),
  "07a.2": numberKey("per-step factor γ that halves the rate every 500 updates", () => 0.5 ** (1 / 500), {
    tolerance: { rtol: 1e-6 },
    hint: "γ⁵⁰⁰ = ½. (The answer is very close to 1: give at least seven digits.)",
    mistakes: [{ value: () => 1 - 0.5 / 500, says: "That is a linear approximation; the factor compounds, γ⁵⁰⁰ = ½." }],
  }),
  "07a.3": functionKey("linear decay with a clamp", (t: number) => 0.1 * Math.max(0, 1 - t / 1000), [[0], [250], [999], [1000], [1500], [5000]], {
    hint: "η₀(1 − t/1000) until t = 1000, then 0: it must not turn negative.",
  }),
  "07a.4": numberKey("fixed rate with a floor of 0.02", () => rateForFloor(0.02), {
    tolerance: { rtol: 1e-4 },
    hint: "the floor grows with η: bisect floorTheory(η) = 0.02 between 0 and 0.9.",
  }),
  "07b.1": numberKey("cosine rate at t = 250 of 1000, from 0.1 to 0", () => 0.5 * 0.1 * (1 + Math.cos((Math.PI * 250) / 1000)), {
    hint: "η_t = η_min + ½(η_max − η_min)(1 + cos(πt/T)); a quarter of the way, cos(π/4).",
    mistakes: [{ value: () => 0.075, says: "That is linear decay's rate; cosine stays higher early on." }],
  }),
  "07b.2": numberKey("warmup rate at step 50 of 100, to 0.3, start factor 1/3", () => 0.3 * (1 / 3 + (2 / 3) * 0.5), {
    hint: "η_t = η(s + (1 − s)t/W) with s = 1/3.",
    mistakes: [{ value: () => 0.15, says: "That ramps from 0; the default warmup starts at a third of the target." }],
  }),
};
