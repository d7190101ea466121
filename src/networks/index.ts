/**
 * A multilayer perceptron written from scratch: dense layers, activations with their derivatives,
 * losses, explicit forward and backward passes, dropout, L2, all parameters in one flat Float64Array.
 */
export { MLP, mlp, accuracy } from "./mlp";
export type { MLPOptions, DenseLayer, Evaluation, InitName } from "./mlp";
export { activations } from "./activations";
export type { Activation, ActivationName } from "./activations";
export { softmaxRows } from "./losses";
export type { LossName } from "./losses";
export * from "./normalization";
