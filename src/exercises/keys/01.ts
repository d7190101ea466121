import { functionKey, numberKey } from "../key";

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
// 003's data and L(w, b) = mean (wx + b − y)²: its gradient at (1, 1).
const xs = [1, 2, 3, 4, 5];
const ys = xs.map((x) => 2 * x);
function gradientAt(w: number, b: number): [number, number] {
  const r = xs.map((x, i) => w * x + b - ys[i]);
  return [(2 / xs.length) * r.reduce((s, ri, i) => s + ri * xs[i], 0), (2 / xs.length) * r.reduce((s, ri) => s + ri, 0)];
}

export default {
  "01.1": numberKey("squared error's ∂ℓ/∂z at z = 0, y = 1", () => 2 * (sigmoid(0) - 1) * sigmoid(0) * (1 - sigmoid(0)), {
    hint: "chain rule: ∂ℓ/∂z = 2(σ(z) − y) · σ'(z), and σ'(z) = σ(z)(1 − σ(z)).",
    mistakes: [{ value: () => 2 * (sigmoid(0) - 1), says: "You stopped at ∂ℓ/∂σ; multiply by σ'(0) too (chain rule)." }],
  }),
  "01.2": functionKey("∂ℓ/∂z of the cross-entropy", (z: number, y: number) => sigmoid(z) - y, [[0, 1], [2, 0], [-3, 1], [0.5, 0.3]], {
    hint: "write ℓ = −y ln σ(z) − (1 − y) ln(1 − σ(z)), use σ' = σ(1 − σ), and simplify: most of it cancels.",
  }),
  "01.3": numberKey("steepest slope at (1, 1)", () => Math.hypot(...gradientAt(1, 1)), {
    hint: "the largest directional derivative is the length of the gradient, √((∂L/∂w)² + (∂L/∂b)²).",
    mistakes: [{ value: () => Math.abs(gradientAt(1, 1)[0]), says: "That is |∂L/∂w| alone; the steepest slope is the length of the whole gradient vector." }],
  }),
};
