/**
 * What the lessons' three forms of momentum share (EMA momentum, heavy ball, Nesterov's look-ahead):
 * one option set, a required step size and a momentum β in [0, 1) defaulting to 0.9, no weight
 * decay, read and checked here once. Each form supplies only its update rule.
 */
import { type CommonOptions, makeOptimizer, type Optimizer, type OptimizerState, type UpdateRule } from "./optimizer";
import { readOptimizerOptions } from "./options";
import type { LearningRate } from "../core/learningRate";
import { decayRate } from "../core/checks";
import type { RuleKernel } from "../kernels/arena";
import { checkKernelChoice, type KernelChoice } from "../kernels/choice";

export interface BetaMomentumOptions extends CommonOptions {
  /** Step size α or a schedule (required). */
  lr: LearningRate;
  /** Momentum β in [0, 1) (default 0.9). */
  beta?: number;
}

/**
 * Builds a `{ lr, beta }` momentum optimizer named `name` around the rule that `rule(β, choice)` makes;
 * `kernel` is the WebAssembly kernel generated from the rule's loop, `choice` the option `kernel`.
 */
export function betaMomentumOptimizer<S extends object, E extends object = {}>(
  name: string,
  options: BetaMomentumOptions,
  kernel: RuleKernel<string>,
  rule: (beta: number, choice: KernelChoice) => UpdateRule<S>,
  extend?: (state: Readonly<OptimizerState & S>, beta: number) => E,
): Optimizer<S, Required<BetaMomentumOptions>> & E {
  const { o, lr, recordUpdate, kernel: choice } = readOptimizerOptions(name, options, { lr: undefined, beta: 0.9 });
  checkKernelChoice(name, kernel, choice);
  const beta = decayRate(name, "beta", o.beta);
  return makeOptimizer<S, Required<BetaMomentumOptions>, [], E>({
    name,
    options: { lr, beta, recordUpdate, kernel: choice },
    lr,
    recordUpdate,
    transforms: [],
    rule: () => rule(beta, choice),
    extend: extend && ((state) => extend(state, beta)),
  });
}
