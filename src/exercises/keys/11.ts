import { functionKey, numberKey } from "../key";

const softThreshold = (v: number, t: number) => Math.sign(v) * Math.max(Math.abs(v) - t, 0);

export default {
  "11.1": numberKey("w after one L2 step", () => 2 - 0.1 * 0.5 * 2, {
    hint: "the L2 term λ/2·w² adds λw to the gradient.",
    mistakes: [{ value: () => 2 - 0.1 * 0.5 * 2 * 2, says: "That uses the gradient 2λw of λw²; with the penalty λ/2·w² the gradient is λw." }],
  }),
  "11.2": numberKey("soft threshold of −1.2 at t = 0.5", () => softThreshold(-1.2, 0.5), {
    hint: "S_t(v) moves v toward 0 by t, and stops at 0.",
    mistakes: [{ value: () => -1.7, says: "The soft threshold moves toward 0, not away from it." }],
  }),
  "11.3": numberKey("inverted-dropout scale at p = 0.2", () => 1 / (1 - 0.2), {
    hint: "a unit is kept with probability 1 − p; scale so that its expected output is unchanged.",
    mistakes: [{ value: () => 1 / 0.2, says: "p is the probability of dropping a unit, not of keeping it." }],
  }),
  "11.4": functionKey("elastic-net proximal step", (v: number, t1: number, t2: number) => softThreshold(v, t1) / (1 + t2), [[1.5, 0.5, 1], [-0.3, 0.5, 2], [-2, 0.1, 0], [0.7, 0, 0.5]], {
    hint: "for w ≠ 0 set the derivative to 0: w − v + t₁·sign(w) + t₂·w = 0; and w = 0 when |v| ≤ t₁.",
  }),
};
