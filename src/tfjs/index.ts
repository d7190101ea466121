/**
 * optimlab/tfjs: the bridge to TensorFlow.js, its own entry so that `import "optimlab"` does not load
 * TensorFlow.js. `useFastestBackend()` picks the fastest backend that loads here; `toTfOptimizer(opt)`
 * runs an optimlab optimizer as a `tf.Optimizer`; `classificationTensors` and `copyMlpWeights` move a
 * dataset and an MLP's weights to TF.js. Import it as `import { toTfOptimizer } from "optimlab/tfjs"`.
 */
export { useFastestBackend, type BackendName } from "./backend";
export { OptimlabTfOptimizer, toTfOptimizer } from "./adapter";
export { classificationTensors, copyMlpWeights } from "./tensors";
