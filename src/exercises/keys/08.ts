import { functionKey, numberKey } from "../key";

export default {
  "08.1": numberKey("Newton's factor per step on x⁴", () => 2 / 3, {
    hint: "x − f'(x)/f''(x) with f' = 4x³ and f'' = 12x².",
    mistakes: [{ value: () => 1 / 3, says: "That is f'/f'' divided by x; the new x is x minus it." }],
  }),
  "08.2": numberKey("float32 Hessian of 10⁶ parameters, in GB", () => (1e6 * 1e6 * 4) / 1e9, {
    hint: "n² entries of 4 bytes each.",
    mistakes: [{ value: () => (1e6 * 1e6 * 8) / 1e9, says: "8 bytes is float64; float32 takes 4." }],
  }),
  "08.3": functionKey("Newton step for eˣ − 2x", (x: number) => x - (Math.exp(x) - 2) / Math.exp(x), [[0], [1], [-2], [Math.LN2]], {
    hint: "x − f'(x)/f''(x), with f'(x) = eˣ − 2 and f''(x) = eˣ.",
  }),
  "08.4": numberKey("smallest damping for the saddle", () => 2, {
    hint: "H = diag(2, −2); adding δI adds δ to every eigenvalue.",
    mistakes: [{ value: () => 1, says: "The Hessian of x² − y² has eigenvalues ±2, not ±1 (differentiate twice)." }],
  }),
};
