import { functionKey, numberKey } from "../key";

export default {
  "14.1": numberKey("largest stable ηL with gradients τ = 3 steps stale", () => 2 * Math.sin(Math.PI / (2 * (2 * 3 + 1))), {
    hint: "use the limit the lesson derived and measured for stale gradients, at τ = 3.",
  }),
  "14.2": functionKey("combined gradient", (n1: number, g1: number, n2: number, g2: number) => (n1 * g1 + n2 * g2) / (n1 + n2), [[10, 1, 30, 2], [16, -0.5, 16, 0.5], [1, 3, 99, 0]], {
    hint: "each worker's gradient is a mean over its own samples; weight by the sample counts.",
  }),
  "14.3": numberKey("float16 stall error at η = 0.002", () => 2 ** -11 / (22 * 0.002), {
    hint: "an update is lost when ηL''|w − 2| is below half an ulp of w, and ulp = 2⁻¹⁰ on [1, 2).",
  }),
  "14.4": numberKey("ring all-reduce bytes per worker, k = 8, 10⁸ float32 parameters", () => 2 * (7 / 8) * 4 * 1e8, {
    hint: "reduce-scatter and all-gather each send (k − 1)/k of the model.",
    mistakes: [{ value: () => (7 / 8) * 4 * 1e8, says: "That is one of the two phases; a ring all-reduce is a reduce-scatter followed by an all-gather." }],
  }),
};
