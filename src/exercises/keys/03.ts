import { functionKey, numberKey } from "../key";

export default {
  "03.1": functionKey(
    "variance of a mini-batch gradient drawn without replacement",
    (traceSigma: number, n: number, B: number) => (traceSigma / B) * ((n - B) / (n - 1)),
    [[2.5, 4096, 16], [1, 100, 10], [7, 50, 50], [3, 1000, 1]],
    { hint: "with replacement it is tr Σ / B; without, multiply by the finite-population correction (n − B)/(n − 1). Check B = n: the batch is the whole set." },
  ),
  "03.2": functionKey("steps per epoch", (n: number, B: number) => Math.ceil(n / B), [[4096, 1], [4096, 1000], [100, 32], [10, 10], [7, 16]], {
    hint: "a last, smaller batch still counts as a step: round up.",
  }),
  "03.3": functionKey(
    "learning rate for a given noise floor",
    (floor: number, B: number, traceSigma: number) => (4 * B * floor) / traceSigma,
    [[1e-3, 32, 2.5], [1e-2, 1, 1], [5e-4, 256, 0.7]],
    { hint: "the small-η floor is η tr Σ / (4B); solve it for η." },
  ),
  "03.4": numberKey("learning-rate factor when doubling B", () => 2, {
    hint: "the floor is proportional to η/B.",
    mistakes: [{ value: () => Math.SQRT2, says: "√2 is the square-root scaling rule some papers use for Adam; the floor η tr Σ/(4B) asks for something else." }],
  }),
};
