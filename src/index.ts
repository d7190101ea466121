/**
 * optimlab: optimizers, schedules, gradient transforms, problems, datasets, a from-scratch MLP,
 * training loops and the notebook display layer. What a lesson imports comes from here:
 * `import { adam } from "optimlab"`. The list is explicit: helpers the library uses inside (HTML
 * escaping, Jupyter messages, figure internals, kernels) are not part of it.
 *
 * TensorFlow.js support (`useFastestBackend`, `toTfOptimizer`, `classificationTensors`,
 * `copyMlpWeights`) has its own entry, `import { toTfOptimizer } from "optimlab/tfjs"`, so that
 * importing the library does not load TensorFlow.js.
 */

// Optimizers: the update rules, their state, and the machinery to write a new one.
export {
  sgd, adagrad, rmsprop, adadelta, adam, adamw, adamax, nadam, yogi, emaMomentum, heavyBall, nesterov, newton,
  makeOptimizer, NonFiniteStepError, biasCorrection, kernelArray,
  conventions, tfjsPresets, kerasPresets,
  heavyBallRoots, heavyBallRate, heavyBallNoiseVariance,
} from "./optimizers";
export type {
  Optimizer, OptimizerState, OptimizerStateDict, CommonOptions, UpdateRule, OptimizerSpec, ConventionRow, HeavyBallRoots,
  SgdOptions, SgdState, SgdOptimizer, AdagradOptions, AdagradState, AdagradOptimizer,
  RmspropOptions, RmspropState, RmspropOptimizer, AdadeltaOptions, AdadeltaState, AdadeltaOptimizer,
  AdamOptions, AdamState, AdamOptimizer, AdamwOptions, AdamwOptimizer, AdamaxOptions, AdamaxState, AdamaxOptimizer,
  NadamOptions, NadamState, NadamOptimizer, YogiOptions, YogiState, YogiOptimizer, EmaMomentumOptions, EmaMomentumState, EmaMomentumOptimizer,
  HeavyBallOptions, HeavyBallState, HeavyBallOptimizer, NesterovOptions, NesterovState, NesterovOptimizer,
  NewtonOptions, NewtonState, NewtonOptimizer,
} from "./optimizers";

// Learning-rate schedules.
export {
  constantLr, stepDecay, multiStepDecay, exponentialDecay, inverseTimeDecay, polynomialDecay, cosineDecay,
  linearWarmup, sequentialLr, withWarmup, oneCycle, reduceOnPlateau,
} from "./schedules";
export type {
  Schedule, LearningRate, ClosedFormSchedule, ScheduleStateDict, StepDecayOptions, MultiStepDecayOptions,
  ExponentialDecayOptions, InverseTimeDecayOptions, PolynomialDecayOptions, CosineDecayOptions, LinearWarmupOptions,
  SequentialLrOptions, WarmupOptions, OneCycleOptions, ReduceOnPlateau, ReduceOnPlateauOptions,
} from "./schedules";

// Gradient transforms.
export {
  chain, statelessTransform, l1Penalty, l2Penalty, decoupledWeightDecay, clipByGlobalNorm, clipByValue, globalNorm,
  projectOntoBall,
} from "./transforms";
export type { GradientTransform, TransformContext } from "./transforms";

// Problems: test functions, symbolic derivatives, convexity checks.
export {
  defineProblem, quadratic, quadraticBowl, d2lQuadratic, rosenbrock, beale, himmelblau, saddle, rastrigin,
  leastSquaresLine, leastSquaresMatrix, logisticRegression, withGradientNoise, derive, variablesOf, compileExpression,
  chordCheck, segmentCheck,
} from "./problems";
export type {
  Problem, ProblemSpec, QuadraticProblem, LeastSquaresLine, LeastSquaresMatrix, LogisticRegressionProblem, Box, Derivation, ValueFunction,
} from "./problems";

// Data: the seeded generator, datasets, splits and batches.
export {
  rng, dataset, subset, trainTestSplit, batches, epochOrder, regression003, points004, linearRegression, blobs, xor,
  moons, circles, spirals, tabularBinary, np, mnistDigits, mnistDigitImages, parseDigitFile, poolImages, MNIST_SIDE,
  sparseRegression,
} from "./data";
export type {
  Rng, Dataset, DatasetSpec, Batch, BatchOptions, LinearRegressionData, MnistOptions, SparseRegressionData,
} from "./data";

// Networks: the from-scratch MLP and normalization layers.
export { MLP, mlp, accuracy, activations, batchNorm, layerNorm, normalizationBackward } from "./networks";
export type {
  MLPOptions, DenseLayer, Evaluation, InitName, Activation, ActivationName, LossName, NormalizationKind,
  NormalizationOptions, Normalized, NormalizationGradients,
} from "./networks";

// Training loops.
export {
  minimize, sweep, linspace, logspace, fit, stepsToTarget, firstAtOrBelow, trainEach, tuneLearningRates, averagedSgd,
  recordUpdateRatios, smoothed, stepSizesUnderConstantGradient, regressionBench, gradientSpread, miniBatchGradientVariance,
  sgdNoiseFloor, gradientCovarianceAtOptimum, backtrackingStep, backtrackingDescent, networkProblem, gradientAgreement,
  epochMeans,
} from "./training";
export type {
  Minimizable, MinimizeOptions, MinimizeResult, SweepOptions, SweepResult, StepsToTargetOptions, FitOptions, FitResult, ProgressBar, ProgressOption,
  EpochInfo, StepInfo, TrainableModel, StepOptimizer, Divergence, Failure, CompareOptions, LearningRateScores,
  AveragedSgdOptions, AveragedSgdResult, SampledObjective, RatioRecorder, RegressionBench, RegressionBenchOptions,
  FiniteSum, BacktrackingOptions, BacktrackingResult,
} from "./training";

// Display: figures, tables, math, progress, checks, live figures.
export {
  plot, tex, md, table, progress, assertClose, assertThat, checkAnswer, checkFunction,
  lossCurves, trajectoriesOnContour, lrCurves, sweepHeatmap, decisionBoundary, sliderFigure, imageGrid, accuracyCurves,
  lineFigure, panelGrid, perLayerFigure, gradientArrows, binnedMeans,
  liveFigure, liveSession, liveGradientDescent, liveMomentum, liveNesterov, liveOptimizers, liveSchedules, liveNoiseFloor,
  rootRadius,
} from "./display";
export type {
  Figure, MimeBundle, Row, TableOptions, Progress, Tolerance, LossSeries, LossCurvesOptions, PathSeries, ContourProblem,
  ContourOptions, LrCurvesOptions, SweepGrid, SweepHeatmapOptions, Classifier, LabelledPoints, DecisionBoundaryOptions,
  SliderFrame, SliderFigureOptions, ImageGridOptions, AccuracySeries, AccuracyCurvesOptions, LineSeries, LineFigureOptions,
  GridPanel,
  LiveFigure, LiveSession, LiveOptimizerChoice, LiveSpec, LiveKnob, LiveProblem, LiveRun, LiveSchedule, LivePanel,
  LiveValue, KnobValues, LiveOptimizerName, LiveScheduleName,
} from "./display";

// Linear algebra the lessons use.
export { cholesky, choleskySolve } from "./math/cholesky";
export { symmetricEigenvalues } from "./math/symmetricEigenvalues";

// Exercises.
export { exercise, judgeExercise } from "./exercises";
export type { ExerciseResult } from "./exercises";
