import { functionKey, numberKey } from "../key";

const rootRate = (kappa: number) => (Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1);

export default {
  "13.1": numberKey("optimal heavy-ball rate q at κ = 100", () => rootRate(100), {
    hint: "q = (√κ − 1)/(√κ + 1).",
    mistakes: [{ value: () => (100 - 1) / (100 + 1), says: "That is gradient descent's best rate; the heavy ball's uses √κ." }],
  }),
  "13.2": functionKey("heavy-ball stability limit", (L: number, beta: number) => (2 * (1 + beta)) / L, [[1, 0.9], [100, 0.5], [4, 0]], {
    hint: "in the direction of L the characteristic roots stay inside the unit circle while ηL < 2(1 + β).",
  }),
  "13.3": numberKey("optimal momentum β* at κ = 100", () => rootRate(100) ** 2, {
    hint: "β* is the square of the optimal rate.",
    mistakes: [{ value: () => rootRate(100), says: "That is the rate q; β* = q²." }],
  }),
};
