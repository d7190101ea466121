import { functionKey, numberKey } from "../key";

export default {
  "12.1": numberKey("largest product of 10 sigmoid derivatives", () => 0.25 ** 10, {
    hint: "each factor is at most ¼.",
    mistakes: [{ value: () => 0.25 * 10, says: "The factors multiply (chain rule), they do not add." }],
  }),
  "12.2": numberKey("He standard deviation, fan-in 64", () => Math.sqrt(2 / 64), {
    hint: "He initialization sets the variance to 2 / fan-in.",
    mistakes: [{ value: () => 2 / 64, says: "That is the variance; the standard deviation is its square root." }],
  }),
  "12.3": numberKey("first component of (3, 4) clipped to norm 1", () => 3 / 5, {
    hint: "clipping by global norm scales the whole vector by c/‖g‖ when ‖g‖ > c.",
    mistakes: [{ value: () => 1, says: "That clips each component to 1 (clipping by value); clipping by norm keeps the direction." }],
  }),
  "12.4": functionKey("tanh′(z)", (z: number) => 1 - Math.tanh(z) ** 2, [[0], [0.5], [-1.3], [3]], {
    hint: "tanh′ = 1 − tanh².",
  }),
};
