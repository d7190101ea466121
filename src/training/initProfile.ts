import { checkInteger, describe } from "../core/checks";

/** What `initializationProfile` needs of a network (the library's `MLP` has it). */
export interface ProfiledNetwork {
  lossAndGradient(x: unknown, y?: unknown, training?: boolean): number;
  gradientNorms(): number[];
  layerOutputs(): { z: Float64Array[] };
}

/** Population standard deviation of `values` (mean first, then the mean squared deviation). */
function std(values: Float64Array): number {
  let mean = 0;
  for (const v of values) mean += v / values.length;
  let sum = 0;
  for (const v of values) sum += (v - mean) ** 2;
  return Math.sqrt(sum / values.length);
}

/**
 * A network at initialization, per layer (input layer first): the weight-gradient norm ‖∂C/∂Wˡ‖ and
 * the standard deviation of the pre-activations zˡ after one forward and backward pass on `data`
 * (dropout off), each the geometric mean over the networks `network(0)`, …, `network(seeds − 1)`.
 * The numbers of the vanishing/exploding-gradient lesson: a gradient norm falling (or growing)
 * geometrically from the output layer down is the symptom.
 * @example initializationProfile((seed) => mlp({ sizes: [2, 32, 32, 32, 1], loss: "binaryCrossEntropy", init: "normal", initScale: 0.25, seed }), moons({ n: 200 }), 3)
 */
export function initializationProfile(network: (seed: number) => ProfiledNetwork, data: unknown, seeds = 5): { grad: number[]; zStd: number[] } {
  if (typeof network !== "function") throw new Error(`initializationProfile: network must be a function of the seed, got ${describe(network)}`);
  checkInteger("seeds", seeds, 1);
  let logGrad: number[] = [];
  let logStd: number[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const net = network(seed);
    if (net === null || typeof net !== "object" || typeof net.gradientNorms !== "function") throw new Error(`initializationProfile: network(${seed}) is not a network (an MLP), got ${describe(net)}`);
    net.lossAndGradient(data, undefined, false);
    const norms = net.gradientNorms();
    const z = net.layerOutputs().z;
    if (seed === 0) {
      logGrad = new Array<number>(norms.length).fill(0);
      logStd = new Array<number>(z.length).fill(0);
    } else if (norms.length !== logGrad.length) {
      throw new Error(`initializationProfile: network(${seed}) has ${norms.length} layers, network(0) had ${logGrad.length}`);
    }
    norms.forEach((g, l) => (logGrad[l] += Math.log(g) / seeds));
    z.forEach((values, l) => (logStd[l] += Math.log(std(values)) / seeds));
  }
  return { grad: logGrad.map(Math.exp), zStd: logStd.map(Math.exp) };
}
