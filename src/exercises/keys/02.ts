import { d2lQuadratic } from "../../problems/catalog";
import { sgd } from "../../optimizers/sgd";
import { stepsToTarget } from "../../training/stepsToTarget";
import { experimentKey, functionKey, numberKey } from "../key";

// d2l's bowl f = 0.1x₁² + 2x₂²: Hessian eigenvalues μ = 0.2, L = 4.
const mu = 0.2, L = 4;
const q = (kappa: number) => (kappa - 1) / (kappa + 1);

export default {
  "02.1": numberKey("the boundary learning rate", () => 2 / L, {
    hint: "along eigen-direction i each step multiplies the error by 1 − ηhᵢ; the boundary is where the factor of the largest eigenvalue reaches −1.",
    mistakes: [{ value: () => 2 / mu, says: "That uses the smallest eigenvalue; the largest one, L, is the first to go unstable." }],
  }),
  "02.2": numberKey("the best constant learning rate η*", () => 2 / (mu + L), {
    hint: "balance the slowest and the fastest direction: |1 − ημ| = |1 − ηL|.",
    mistakes: [{ value: () => 1 / L, says: "1/L is the safe rate, not the best one: it leaves the slow direction's factor at 1 − μ/L." }],
  }),
  "02.3": numberKey("steps for a 10⁶-fold reduction at κ = 100", () => Math.ceil(Math.log(1e6) / -Math.log(q(100))), {
    tolerance: { rtol: 0, atol: 0.5 },
    hint: "the error shrinks by q = (κ − 1)/(κ + 1) per step; solve qᵗ ≤ 10⁻⁶ for t and round up.",
  }),
  "02.4": functionKey("x_t on f(x) = x²", (eta: number, t: number) => 10 * (1 - 2 * eta) ** t, [[0.2, 10], [0.05, 3], [1.1, 10], [0.5, 1]], {
    hint: "one step maps x to x − η·2x; apply it t times to x₀ = 10.",
  }),
  "02.5": experimentKey(
    "steps until f < 10⁻⁶ on d2l's bowl",
    ({ eta }: { eta: number }) => stepsToTarget(d2lQuadratic(), sgd({ lr: eta }), { target: 1e-6, maxSteps: 5000 }) ?? Infinity,
    { knobs: { eta: 0.4 }, tolerance: { rtol: 0, atol: 0.5 }, hint: "read the first step at which the experiment's loss is below 10⁻⁶ (report Infinity if it never gets there)." },
  ),
};
