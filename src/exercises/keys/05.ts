import { functionKey, numberKey } from "../key";

const sumOf = (n: number, term: (k: number) => number) => Array.from({ length: n }, (_, k) => term(k + 1)).reduce((a, b) => a + b, 0);

export default {
  "05.1": numberKey("Adagrad's distance after 100 steps", () => 0.1 * sumOf(100, (k) => 1 / Math.sqrt(k)), {
    hint: "after k steps the accumulator is s_k = k·g², so step k moves η·g/√(k g²) = η/√k; add the 100 steps.",
    mistakes: [
      { value: () => 0.1 * 100, says: "That takes every step at full size η; Adagrad's accumulator grows, so step k is η/√k." },
      { value: () => 0.1 * 100 * 2, says: "That is plain gradient descent's η·g per step; Adagrad divides by √(accumulated g²)." },
    ],
  }),
  "05.2": numberKey("RMSprop's first step at ρ = 0.9, η = 0.01", () => 0.01 / Math.sqrt(1 - 0.9), {
    hint: "s₁ = (1 − ρ)g² when s₀ = 0, and the step is η·|g|/√s₁.",
    mistakes: [{ value: () => 0.01, says: "That assumes s₁ = g²; with s₀ = 0 the first average is only (1 − ρ)g²." }],
  }),
  "05.3": functionKey(
    "Adadelta's first step",
    (g: number, rho: number, eps: number) => (Math.sqrt(eps) / Math.sqrt((1 - rho) * g * g + eps)) * g,
    [[1, 0.9, 1e-6], [0.01, 0.95, 1e-6], [5, 0.5, 1e-3]],
    { hint: "the step is √(u₀ + ε)/√(s₁ + ε) · g with u₀ = 0 and s₁ = (1 − ρ)g²." },
  ),
};
