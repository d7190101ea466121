/**
 * The library in the browser: the entry of the bundle that scripts/build-browser.mjs writes to
 * dist/browser/optimlab.js (global `optimlab`). It holds what live figures compute with (optimizers,
 * schedules, transforms, problems with mathjs, data, `minimize` and `sweep`, plot builders, live
 * figures) and leaves out what needs Node: the notebook display and `fit`, which reports progress to
 * it; TensorFlow.js; the kernels' worker thread (in a page every kernel runs on the page's thread).
 * On load it mounts the page's live figures and playground.
 */
import { setParallelMinLength } from "../kernels/arena";
import { mountLiveFigures } from "./live";
import { mountPlayground } from "./playground";

setParallelMinLength(Infinity);

export * from "../optimizers";
export * from "../schedules";
export * from "../transforms";
export * from "../problems";
// The data folder but its MNIST loader, which reads the digits from a file.
export { rng } from "../data/rng";
export { dataset, subset, trainTestSplit, batches, epochOrder } from "../data/dataset";
export { regression003, points004, linearRegression, blobs, xor, moons, circles, spirals, tabularBinary } from "../data/synthetic";
export { np } from "../data/numpyLike";
export { sparseRegression } from "../data/sparse";
export { minimize, type MinimizeOptions, type MinimizeResult, type Minimizable } from "../training/minimize";
export { sweep, linspace, logspace, type SweepOptions, type SweepResult } from "../training/sweep";
export { lossCurves, trajectoriesOnContour, contourTraces, pathTraces, lrCurves, sweepHeatmap } from "../display/figures";
export * from "../display/live";
export { mountLive, mountLiveFigures, knobValueAt, knobPosition, type LiveView } from "./live";
export { mountPlayground, type Playground } from "./playground";
export { parseState, stateFragment, stateSpec, type PlaygroundState } from "./playgroundState";

function mountPage(): void {
  mountLiveFigures(document);
  document.querySelectorAll<HTMLElement>("[data-optimlab-playground]").forEach((el) => mountPlayground(el));
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountPage);
  else mountPage();
}
