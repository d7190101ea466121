/**
 * Plot builders: pure functions from results to plotly figures (`plot(fig)` shows one). Every figure
 * has a title and axis titles, numbers rounded to 6 significant digits and long series thinned, so
 * the JSON embedded in a page stays small. Runs that diverged end with an ✕ marker; their arrays
 * hold no NaN or Infinity, so no axis is spoiled.
 *
 * Each run contributes the same traces whatever happened to it (a line and an end marker), so figures
 * built from different runs can become the frames of `sliderFigure`.
 */

export * from "./lossCurves";
export * from "./contour";
export * from "./lrCurves";
export * from "./sweepHeatmap";
export * from "./decisionBoundary";
export * from "./sliderFigure";
