import { mnistDigits } from "../../data/mnist";
import { newton } from "../../optimizers/newton";
import { logisticRegression } from "../../problems/logisticRegression";
import { averagedSgd } from "../../training/averagedSgd";
import { minimize } from "../../training/minimize";
import { experimentKey, functionKey, numberKey } from "../key";

/** The lesson's logistic loss (3s against 5s, 7 × 7 pixels, λ = 0.01) and its minimum value. */
function lessonLogistic() {
  const { train } = mnistDigits({ trainPerDigit: 200, testPerDigit: 1, side: 7, digits: [3, 5], seed: 0 });
  const problem = logisticRegression(train, { l2: 0.01 });
  return { problem, fStar: minimize(problem, newton({}), { steps: 20 }).finalLoss };
}

export default {
  "02c.1": numberKey("the guaranteed gap after 100 steps", () => (4 * 3 ** 2) / (2 * 100), {
    hint: "the smooth convex bound is L‖θ₀ − θ*‖²/(2T): the distance enters squared.",
    mistakes: [
      { value: () => (4 * 3 ** 2) / 100, says: "That drops the 2 in the denominator of L‖θ₀ − θ*‖²/(2T)." },
      { value: () => (4 * 3) / (2 * 100), says: "The distance ‖θ₀ − θ*‖ enters the bound squared." },
    ],
  }),
  "02c.2": numberKey("steps for a 10⁶-fold reduction at κ = 100", () => Math.ceil(Math.log(1e6) / -Math.log(1 - 1 / 100)), {
    tolerance: { rtol: 0, atol: 0.5 },
    hint: "the gap shrinks by 1 − μ/L = 1 − 1/κ per step; solve (1 − 1/κ)ᵀ ≤ 10⁻⁶ for T and round up.",
    mistakes: [{ value: () => Math.ceil(100 * Math.log(1e6)), says: "κ·ln(10⁶) uses the approximation ln(1 − 1/κ) ≈ −1/κ; compute the logarithm exactly." }],
  }),
  "02c.3": numberKey("the recommended constant learning rate", () => 2 / (5 * Math.sqrt(10000)), {
    hint: "minimize (R² + η²G²T)/(2ηT) over η: the two terms balance at η = R/(G√T).",
    mistakes: [{ value: () => (2 * 5) / Math.sqrt(10000), says: "That is the value of the bound, RG/√T, not the learning rate that achieves it." }],
  }),
  "02c.4": functionKey(
    "projection onto the disc of radius r: first coordinate",
    (x: number, y: number, r: number) => x * Math.min(1, r / Math.hypot(x, y)),
    [[3, 4, 1], [0.3, 0.4, 1], [-6, 8, 5], [2, 0, 0.5], [0, 0, 1]].map((v) => v as [number, number, number]),
    { hint: "a point inside the disc is its own projection; a point outside is scaled towards the origin to length r (and the origin itself stays put)." },
  ),
  "02c.5": experimentKey(
    "f(θ̄) − f* after 20 000 SGD steps at η = 0.1",
    ({ eta }: { eta: number }) => {
      const { problem, fStar } = lessonLogistic();
      return problem.value(averagedSgd(problem, { lr: eta, steps: 20000, seed: 0 }).average) - fStar;
    },
    { knobs: { eta: 0.1 }, tolerance: { rtol: 0.01 }, hint: "set longEta = 0.1 in the last experiment, re-run it, and read the last entry of averageGap (f at the average, minus f*)." },
  ),
};
