/**
 * The options every optimizer accepts besides its own, declared once (see core/schema.ts). A factory
 * declares its own options and gets these appended: `optimizerOptions({ lr: learningRate(1e-3), … })`.
 * One more common option is one more property here.
 */
import { boolean, nonNegative, oneOf, optionSchema, type Options, type OptionsOf } from "../core/schema";
import { KERNEL_CHOICES, type KernelChoice } from "../kernels/choice";

/** The options every optimizer accepts. */
export const commonOptions = {
  /** Keep the last update θ_t − θ_{t−1} in `state.update`, e.g. to plot effective step sizes (default false). */
  recordUpdate: boolean(false),
  /**
   * Which loop runs the rule (default "auto"): "js", the loop in the rule's file; "wasm", the WebAssembly
   * SIMD kernel generated from that loop (bit-identical, faster on many parameters); "auto", the kernel
   * from 16 parameters on. Newton, a linear solve with no such loop, accepts "auto" and "js". The choice
   * is saved by `stateDict` but not compared on load: a run saved on one path resumes on the other.
   */
  kernel: oneOf<KernelChoice>("auto", KERNEL_CHOICES),
};

/** Weight decay as the rules without a decoupled variant offer it (spread into their own options). */
export const coupledWeightDecayOptions = {
  /** Coupled L2 weight decay λ ≥ 0: g ← g + λθ (default 0). */
  weightDecay: nonNegative(0),
};

/** Options every optimizer accepts. */
export type CommonOptions = OptionsOf<typeof commonOptions>;

/** An optimizer's options: its own, in the order given, then the common ones. */
export function optimizerOptions<S extends Options>(own: S) {
  return optionSchema(own).extend(commonOptions);
}
