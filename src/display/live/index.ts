/**
 * Live figures: a figure that carries a declarative description of its runs (problem, optimizers with
 * their options, schedule, steps, which knobs are sliders, a draggable start), so a page with the
 * library's browser bundle recomputes and redraws it as the reader moves a knob. Without the bundle it
 * is an ordinary static figure.
 */
export { liveFigure, liveSession } from "./session";
export { liveHtml, LIVE_CSS } from "./html";
export type { LiveFigure, LiveSession } from "./session";
export { liveGradientDescent, liveMomentum, liveNesterov, liveOptimizers, liveSchedules, liveNoiseFloor, liveStaleGradients } from "./builders";
export type { LiveOptimizerChoice } from "./builders";
export { checkLiveSpec, initialValues, OPTIMIZER_NAMES, SCHEDULE_NAMES, PANEL_NAMES } from "./spec";
export type { LiveSpec, LiveKnob, LiveProblem, LiveRun, LiveSchedule, LivePanel, LiveValue, KnobValues, LiveOptimizerName, LiveScheduleName } from "./spec";
export { computeLive, liveProblem } from "./compute";
export type { LiveResult, LiveRunResult, LiveProblemInstance } from "./compute";
export { renderLive, panelAxes, panelDomain, isStaticTrace } from "./render";
export { gdRate, nesterovRate, heavyBallRegions, nesterovStabilityLimit, optimalSettings, rootRadius } from "./theory";
export { networkFigure, networkSession, renderNetwork } from "./network";
export type { NetworkSession, NetworkState } from "./network";
export { isNetworkSpec, checkNetworkSpec } from "./networkSpec";
export type { LiveNetworkSpec, LiveNetworkPanel, LiveMoons, NetworkFigure } from "./networkSpec";
export { liveMoonsNetwork, liveRegularization, liveInitScale } from "./networkBuilders";
