import { d2lQuadratic } from "../../problems/catalog";
import { adam } from "../../optimizers/adam";
import { minimize } from "../../training/minimize";
import { experimentKey, functionKey } from "../key";

export default {
  "06b.1": functionKey(
    "Keras's equivalent ε",
    (epsHat: number, beta2: number, t: number) => epsHat / Math.sqrt(1 - beta2 ** t),
    [[1e-7, 0.999, 1], [1e-7, 0.999, 100], [1e-8, 0.99, 5]],
    { hint: "Keras adds ε̂ to √v_t, the standard form adds ε to √v̂_t = √v_t/√(1 − β₂ᵗ); equate the denominators." },
  ),
  "06b.2": experimentKey(
    "Adam's loss on d2l's bowl after 100 steps",
    ({ lr, beta1, beta2 }: { lr: number; beta1: number; beta2: number }) => minimize(d2lQuadratic(), adam({ lr, beta1, beta2 }), { steps: 100 }).finalLoss,
    { knobs: { lr: 0.1, beta1: 0.9, beta2: 0.999 }, tolerance: { rtol: 1e-2 }, hint: "run the experiment cell with these knobs and read the final loss it prints." },
  ),
};
