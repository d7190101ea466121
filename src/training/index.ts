/**
 * Training loops: `minimize` a problem (trajectory and losses), `sweep` a hyperparameter grid (final
 * losses for a heatmap), `fit` a model on a dataset (per-epoch metrics). Runs that blow up stop and
 * are marked diverged; no returned history holds NaN or Infinity.
 */
export { minimize } from "./minimize";
export type { Minimizable, MinimizeOptions, MinimizeResult } from "./minimize";
export { sweep, linspace, logspace } from "./sweep";
export type { SweepOptions, SweepResult } from "./sweep";
export { fit } from "./fit";
export { stepsToTarget, firstAtOrBelow, type StepsToTargetOptions } from "./stepsToTarget";
export type { FitOptions, FitResult, EpochInfo, StepInfo, TrainableModel } from "./fit";
export type { ProgressBar, ProgressOption } from "./progress";
export type { StepOptimizer, Divergence, Failure } from "./optimizer";
export { trainEach, tuneLearningRates } from "./compare";
export type { CompareOptions, LearningRateScores } from "./compare";
export { averagedSgd } from "./averagedSgd";
export type { AveragedSgdOptions, AveragedSgdResult, SampledObjective } from "./averagedSgd";
export { recordUpdateRatios, smoothed } from "./diagnostics";
export { stepSizesUnderConstantGradient } from "./constantGradient";
export { regressionBench, type RegressionBench, type RegressionBenchOptions } from "./regressionBench";
export type { RatioRecorder } from "./diagnostics";
export { gradientSpread, miniBatchGradientVariance } from "./gradientVariance";
export type { FiniteSum } from "./gradientVariance";
export { sgdNoiseFloor, gradientCovarianceAtOptimum } from "./noiseFloor";
export { backtrackingStep, backtrackingDescent } from "./backtracking";
export type { BacktrackingOptions, BacktrackingResult } from "./backtracking";
export { networkProblem } from "./networkProblem";
export { gradientAgreement } from "./gradientCheck";
export { epochMeans } from "./epochMeans";
