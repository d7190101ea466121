/**
 * Objective functions for the optimizers: each formula written once as a mathjs expression, its
 * gradient and Hessian derived symbolically and compiled to fast plain-JS evaluators.
 */
export { derive, variablesOf, compileExpression } from "./symbolic";
export type { Derivation, ValueFunction } from "./symbolic";
export { defineProblem } from "./problem";
export type { Problem, ProblemSpec } from "./problem";
export { quadratic, quadraticBowl } from "./quadratic";
export type { QuadraticProblem } from "./quadratic";
export { d2lQuadratic, rosenbrock, beale, himmelblau, saddle, rastrigin } from "./catalog";
export { leastSquaresLine } from "./leastSquaresLine";
export type { LeastSquaresLine } from "./leastSquaresLine";
export { logisticRegression } from "./logisticRegression";
export type { LogisticRegressionProblem } from "./logisticRegression";
export { chordCheck, segmentCheck } from "./convexity";
export type { Box } from "./convexity";
export { withGradientNoise } from "./gradientNoise";
export { withStaleGradients } from "./staleGradients";
export { leastSquaresMatrix, type LeastSquaresMatrix } from "./leastSquaresMatrix";
