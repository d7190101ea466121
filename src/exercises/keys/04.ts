import { quadraticBowl } from "../../problems/quadratic";
import { sgd } from "../../optimizers/sgd";
import { stepsToTarget } from "../../training/stepsToTarget";
import { experimentKey, functionKey, numberKey } from "../key";

const optimalBeta = (kappa: number) => ((Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1)) ** 2;

export default {
  "04.1": numberKey("PyTorch's learning rate for the EMA form at η_EMA = 0.05, β = 0.9", () => (1 - 0.9) * 0.05, {
    hint: "PyTorch's buffer is the EMA divided by 1 − β, so its learning rate must be multiplied by 1 − β.",
    mistakes: [{ value: () => 0.05 / (1 - 0.9), says: "That divides by 1 − β instead of multiplying: PyTorch's buffer is already 1/(1 − β) times larger than the average." }],
  }),
  "04.2": numberKey("the heavy ball's optimal β at κ = 100", () => optimalBeta(100), {
    hint: "β* = ((√κ − 1)/(√κ + 1))².",
    mistakes: [{ value: () => Math.sqrt(optimalBeta(100)), says: "That is the rate q the optimal heavy ball reaches; β* is its square." }],
  }),
  "04.3": numberKey("Nesterov's largest stable ηL at β = 0.5", () => 1 + 1 / (1 + 2 * 0.5), {
    hint: "an oscillating direction grows unless (h − 1)(1 + 2β) < 1, with h = ηL.",
    mistakes: [{ value: () => 2 * (1 + 0.5), says: "2(1 + β) is the heavy ball's limit; Nesterov's look-ahead shrinks it." }],
  }),
  "04.4": functionKey("the heavy ball's optimal η", (mu: number, L: number) => (2 / (Math.sqrt(L) + Math.sqrt(mu))) ** 2, [[1, 100], [0.2, 4], [2, 3]], {
    hint: "solve ημ = (1 − √β)² and ηL = (1 + √β)² for η: add the square roots.",
  }),
  "04.5": experimentKey(
    "steps until f − f* < 10⁻⁶ on the κ = 100 bowl",
    ({ lr, beta }: { lr: number; beta: number }) =>
      stepsToTarget(quadraticBowl({ condition: 100 }), sgd({ lr, momentum: beta }), { target: 1e-6, maxSteps: 3000 }) ?? Infinity,
    { knobs: { lr: 1, beta: 0.5 }, tolerance: { rtol: 0, atol: 0.5 }, hint: "the experiment cell prints the count; run it with the knobs you report (Infinity if it never gets there)." },
  ),
};
