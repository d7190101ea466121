import { d2lQuadratic } from "../../problems/catalog";
import { adam } from "../../optimizers/adam";
import { minimize } from "../../training/minimize";
import { experimentKey, functionKey, numberKey } from "../key";

export default {
  "06.1": numberKey("uncorrected first step at β₁ = 0.9, β₂ = 0.9999, in units of η", () => (1 - 0.9) / Math.sqrt(1 - 0.9999), {
    hint: "with m₀ = v₀ = 0: m₁ = (1 − β₁)g and v₁ = (1 − β₂)g²; the step is η·m₁/√v₁.",
    mistakes: [{ value: () => 1, says: "1 is the corrected first step; without the correction the two factors (1 − β₁) and √(1 − β₂) do not cancel." }],
  }),
  "06.2": numberKey("bias-correction factor for m₅ at β₁ = 0.9", () => 1 / (1 - 0.9 ** 5), {
    hint: "m̂_t = m_t/(1 − β₁ᵗ).",
    mistakes: [{ value: () => 1 - 0.9 ** 5, says: "That is the denominator; the correction divides by it." }],
  }),
  "06.3": numberKey("000 §4.5's first step, in units of the source's learning rate", () => Math.sqrt(0.1), {
    tolerance: { rtol: 1e-3 },
    hint: "with `iterations` = 1000, β¹⁰⁰⁰ ≈ 0: the code's corrections do almost nothing, and it uses one β for both moments.",
    mistakes: [{ value: () => 1, says: "That is what a correct Adam does; the source's code corrects with β^iterations, which is ≈ 0 at 1000." }],
  }),
  "06.4": functionKey(
    "Keras's equivalent ε",
    (epsHat: number, beta2: number, t: number) => epsHat / Math.sqrt(1 - beta2 ** t),
    [[1e-7, 0.999, 1], [1e-7, 0.999, 100], [1e-8, 0.99, 5]],
    { hint: "Keras adds ε̂ to √v_t, the standard form adds ε to √v̂_t = √v_t/√(1 − β₂ᵗ); equate the denominators." },
  ),
  "06.5": experimentKey(
    "Adam's loss on d2l's bowl after 100 steps",
    ({ lr, beta1, beta2 }: { lr: number; beta1: number; beta2: number }) => minimize(d2lQuadratic(), adam({ lr, beta1, beta2 }), { steps: 100 }).finalLoss,
    { knobs: { lr: 0.1, beta1: 0.9, beta2: 0.999 }, tolerance: { rtol: 1e-2 }, hint: "run the experiment cell with these knobs and read the final loss it prints." },
  ),
};
