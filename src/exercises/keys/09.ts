import { functionKey, numberKey } from "../key";

const countParameters = (sizes: number[]) => sizes.slice(1).reduce((sum, n, l) => sum + n * (sizes[l] + 1), 0);

export default {
  "09.1": numberKey("parameters of the 8-10-1 network", () => countParameters([8, 10, 1]), {
    tolerance: { rtol: 0, atol: 0.5 },
    hint: "each layer has (inputs + 1) × units parameters: the +1 is the bias.",
    mistakes: [{ value: () => 8 * 10 + 10 * 1, says: "You counted the weights; add one bias per unit." }],
  }),
  "09.2": functionKey("δᴸ for sigmoid + MSE", (a: number, y: number, n: number) => ((2 * (a - y)) / n) * a * (1 - a), [[0.7, 1, 4], [0.2, 0, 1], [0.5, 1, 32], [0.99, 0, 8]], {
    hint: "δᴸ = ∂C/∂a · σ'(z), with ∂C/∂a = 2(a − y)/n and σ'(z) = a(1 − a).",
  }),
  "09.3": numberKey("the largest value of the extra factor σ'(z)", () => 0.25, {
    hint: "σ'(z) = σ(z)(1 − σ(z)); where is it largest?",
    mistakes: [{ value: () => 4, says: "4 is how many times smaller it is at best; the question asks for the multiplier σ'(z) itself." }],
  }),
  "09.4": numberKey("hinges needed, at the least", () => 1, {
    tolerance: { rtol: 0, atol: 0.1 },
    hint: "a unit active on all four points adds a slope; how many bends does a score that rises and then falls need?",
    mistakes: [{ value: () => 2, says: "Two hinges work, but not all are needed: a linear (always active) unit already gives a rising slope, and one hinge can turn it down." }],
  }),
};
