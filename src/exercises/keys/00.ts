import { experimentKey, functionKey, numberKey } from "../key";

// The lesson's problem: 003's data x = 1..5, y = 2x, model ŷ = wx, loss L(w) = mean (wx − y)².
const xs = [1, 2, 3, 4, 5];
const ys = xs.map((x) => 2 * x);
const curvature = (2 / xs.length) * xs.reduce((s, x) => s + x * x, 0); // L''(w) = 22

/** The lesson's training loop: loss after `steps` updates of w ← w − η df/dw from w₀. */
function trainedLoss({ learningRate, steps, initialWeight }: { learningRate: number; steps: number; initialWeight: number }): number {
  const loss = (w: number) => xs.reduce((s, x, i) => s + (w * x - ys[i]) ** 2, 0) / xs.length;
  let w = initialWeight;
  for (let t = 0; t < steps; t++) w -= learningRate * (2 / xs.length) * xs.reduce((s, x, i) => s + x * (w * x - ys[i]), 0);
  return loss(w);
}
// Exercise 1's data: x = 1..10, y = 2x, so L''(w) = 2·mean(x²) = 77.
const curvatureTen = (2 / 10) * Array.from({ length: 10 }, (_, i) => (i + 1) ** 2).reduce((a, b) => a + b, 0);

export default {
  "00.1": numberKey("the boundary learning rate for x = 1, …, 10", () => 2 / curvatureTen, {
    hint: "find the curvature L''(w) = (2/n)Σxᵢ² for the new data; each step multiplies w − 2 by 1 − ηL'', and the boundary is where that factor reaches −1.",
    mistakes: [
      { value: () => 1 / curvatureTen, says: "That is the rate that lands on w = 2 in one step (factor 0); the boundary is where the factor reaches −1." },
      { value: () => 2 / curvature, says: "That is the boundary for the lesson's five points; with x = 1, …, 10 the curvature is larger." },
    ],
  }),
  "00.2": experimentKey("the loss after the Train cell's run", trainedLoss, {
    knobs: { learningRate: 0.08, steps: 30, initialWeight: 0 },
    tolerance: { rtol: 1e-3 },
    hint: "set the knobs at the top of the Train cell, re-run it, and read the loss at the last step from its table.",
  }),
  "00.3": functionKey(
    "df/db",
    (w: number, b: number) => (2 / xs.length) * xs.reduce((s, x, i) => s + (w * x + b - ys[i]), 0),
    [[0, 0], [1.5, -0.5], [2, 1], [-1, 3]],
    { hint: "differentiate (wx + b − y)² with respect to b: the inner derivative is 1, not x." },
  ),
};
