import { functionKey, numberKey } from "../key";

// The lesson's problem: 003's data x = 1..5, y = 2x, model ŷ = wx, loss L(w) = mean (wx − y)².
const xs = [1, 2, 3, 4, 5];
const ys = xs.map((x) => 2 * x);
const curvature = (2 / xs.length) * xs.reduce((s, x) => s + x * x, 0); // L''(w) = 22

export default {
  "00.1": numberKey("the boundary learning rate", () => 2 / curvature, {
    hint: "each step multiplies w − 2 by the same factor 1 − ηL''; find where that factor reaches −1.",
    mistakes: [{ value: () => 1 / curvature, says: "That is the rate that lands on w = 2 in one step (factor 0); the boundary is where the factor reaches −1." }],
  }),
  "00.2": numberKey("the one-step learning rate", () => 1 / curvature, {
    hint: "the step multiplies w − 2 by 1 − ηL''; which η makes that factor 0?",
    mistakes: [{ value: () => 2 / curvature, says: "That is the boundary, where w − 2 flips sign each step and never shrinks; the one-step rate makes the factor 0." }],
  }),
  "00.3": functionKey(
    "dL/db",
    (w: number, b: number) => (2 / xs.length) * xs.reduce((s, x, i) => s + (w * x + b - ys[i]), 0),
    [[0, 0], [1.5, -0.5], [2, 1], [-1, 3]],
    { hint: "differentiate (wx + b − y)² with respect to b: the inner derivative is 1, not x." },
  ),
};
