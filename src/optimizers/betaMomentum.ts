/**
 * What the lessons' three forms of momentum share (EMA momentum, heavy ball, Nesterov's look-ahead):
 * one option set, a required step size and a momentum β in [0, 1) defaulting to 0.9, no weight
 * decay, read and checked here once. Each form supplies only its update rule.
 */
import { makeOptimizer, type Optimizer, type OptimizerState, type UpdateRule } from "./optimizer";
import { optimizerOptions } from "./options";
import { decayRate, learningRate, type OptionsOf, type ResolvedOf } from "../core/schema";
import type { RuleKernel } from "../kernels/arena";
import { checkKernelChoice, type KernelChoice } from "../kernels/choice";

const betaMomentumSchema = optimizerOptions({
  /** Learning rate (step size) η or a schedule (required). */
  lr: learningRate(),
  /** Momentum β in [0, 1) (default 0.9). */
  beta: decayRate(0.9),
});

export type BetaMomentumOptions = OptionsOf<typeof betaMomentumSchema>;

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
): Optimizer<S, ResolvedOf<typeof betaMomentumSchema>> & E {
  const resolved = betaMomentumSchema.read(name, options);
  const { beta, kernel: choice } = resolved;
  checkKernelChoice(name, kernel, choice);
  return makeOptimizer<S, ResolvedOf<typeof betaMomentumSchema>, [], E>({
    name,
    options: resolved,
    rule: () => rule(beta, choice),
    extend: extend && ((state) => extend(state, beta)),
  });
}
