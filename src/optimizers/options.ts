/**
 * The options every optimizer accepts besides its own, declared once (see core/schema.ts). A factory
 * declares its own options and gets these appended: `optimizerOptions({ lr: learningRate(1e-3), … })`.
 * One more common option is one more property here.
 */
import { boolean, optionSchema, type Options, type OptionsOf } from "../core/schema";

/** The options every optimizer accepts. */
export const commonOptions = {
  /** Keep the last update θ_t − θ_{t−1} in `state.update`, e.g. to plot effective step sizes (default false). */
  recordUpdate: boolean(false),
};

/** Options every optimizer accepts. */
export type CommonOptions = OptionsOf<typeof commonOptions>;

/** An optimizer's options: its own, in the order given, then the common ones. */
export function optimizerOptions<S extends Options>(own: S) {
  return optionSchema(own).extend(commonOptions);
}
