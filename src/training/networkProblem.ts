/**
 * A network's full-batch loss as a function of its flat parameter vector, so that the loops written
 * for test functions (`minimize`, `sweep`, `stepsToTarget`) train it unchanged. The value and the
 * gradient at θ are one forward and backward pass with the weights set to θ; the last pass is cached,
 * because a training loop asks for the loss and then the gradient at the same point.
 */
import type { Dataset } from "../data/dataset";
import type { MLP } from "../networks/mlp";
import type { Minimizable } from "./minimize";

/** `net` (its weights are overwritten by every evaluation) as a problem on `data`, starting at its current weights. */
export function networkProblem(name: string, net: MLP, data: Dataset): Minimizable & { net: MLP } {
  const at = new Float64Array(net.params.length).fill(NaN);
  const grad = new Float64Array(net.params.length);
  let loss = NaN;
  const evaluate = (x: ArrayLike<number>) => {
    if (x.length !== at.length) throw new Error(`${name}: a point has ${x.length} coordinates, the network ${at.length} parameters`);
    for (let i = 0; i < x.length; i++) {
      if (x[i] !== at[i]) {
        net.params.set(x);
        loss = net.lossAndGradient(data.x, data.y);
        grad.set(net.grads);
        at.set(x);
        return;
      }
    }
  };
  return {
    name, net, dim: net.params.length, start: Float64Array.from(net.params),
    value(x) { evaluate(x); return loss; },
    gradient(x, out) { evaluate(x); out.set(grad); return out; },
  };
}
