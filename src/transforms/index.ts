export { chain, statelessTransform, type GradientTransform, type TransformContext } from "./transform";
export { l1Penalty, l2Penalty } from "./penalties";
export { decoupledWeightDecay } from "./decoupledWeightDecay";
export { clipByGlobalNorm, clipByValue, globalNorm } from "./clip";
export { projectOntoBall } from "./projection";
