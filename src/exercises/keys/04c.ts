import { heavyBallNoiseVariance } from "../../optimizers/heavyBallDynamics";
import { sgd } from "../../optimizers/sgd";
import { quadratic } from "../../problems/quadratic";
import { minimize } from "../../training/minimize";
import { experimentKey, numberKey } from "../key";

export default {
  "04c.1": numberKey("the critical momentum at a = 0.04", () => (1 - Math.sqrt(0.04)) ** 2, {
    hint: "critical damping is where the discriminant (1 + β − a)² − 4β vanishes; solve for β on the small side.",
    mistakes: [{ value: () => (1 + Math.sqrt(0.04)) ** 2, says: "That root of the discriminant is above 1: no momentum there is stable." }],
  }),
  "04c.2": numberKey("its contraction q", () => 1 - Math.sqrt(0.04), {
    hint: "at the double root q = √β.",
    mistakes: [{ value: () => 1 - 0.04, says: "1 − a is gradient descent's rate without momentum." }],
  }),
  "04c.3": numberKey("the ratio of the noise floors", () => heavyBallNoiseVariance(0.01, 0.9, 0.01, 1) / heavyBallNoiseVariance(0.01, 0, 0.01, 1), {
    hint: "divide (1 + β)η²σ² / ((1 − β) a (2(1 + β) − a)) at β = 0.9 by the same at β = 0; η, σ and a are the same.",
    mistakes: [{ value: () => 10, says: "10 = 1/(1 − β) is the small-a approximation; the exercise asks for the exact formula." }],
  }),
  "04c.4": experimentKey(
    "the measured contraction",
    ({ a, beta }: { a: number; beta: number }) => {
      const run = minimize(quadratic({ eigenvalues: [1], start: [1] }), sgd({ lr: a, momentum: beta }), { steps: 600 });
      const envelope = (from: number, to: number) => Math.max(...Array.from(run.trajectory.subarray(from, to + 1), Math.abs));
      return (envelope(550, 600) / envelope(150, 200)) ** (1 / 400);
    },
    { knobs: { a: 0.01, beta: 0.95 }, tolerance: { rtol: 1e-4 }, hint: "change β in that row of `settings`, re-run the cell and read its \"measured q\" (pass the a and β you used as knobs)." },
  ),
};
