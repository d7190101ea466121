/**
 * Live figures in a page: sliders for a figure's knobs and a draggable start point; every change
 * recomputes the runs with the library (this bundle) and redraws them with plotly.js, at most once per
 * animation frame however many input events arrive in between.
 */
import type { Figure } from "../display/figure";
import { isStaticTrace, panelAxes } from "../display/live/render";
import { networkSession, type NetworkSession } from "../display/live/network";
import { isNetworkSpec, type LiveNetworkSpec, type NetworkFigure } from "../display/live/networkSpec";
import { liveSession, type LiveFigure, type LiveSession } from "../display/live/session";
import type { KnobValues, LiveKnob, LiveSpec } from "../display/live/spec";

/**
 * Milliseconds of training per animation frame for a network figure: half the 16.7 ms frame, so that
 * the plotly redraw fits in the rest (at least one epoch is trained per frame).
 */
export const TRAINING_SLICE_MS = 8;
/**
 * While a network trains, plotly redraws the figure at most this often (its heatmap and contour cost far
 * more than a frame to redraw); training goes on every frame in between, and the last epoch is always drawn.
 */
export const TRAINING_DRAW_MS = 150;

interface PlotlyLike {
  newPlot(el: HTMLElement, data: unknown[], layout?: unknown, config?: unknown): Promise<unknown>;
  react(el: HTMLElement, data: unknown[], layout?: unknown, config?: unknown): Promise<unknown>;
  animate(el: HTMLElement, frame: { data: unknown[]; traces: number[]; layout: Record<string, unknown> }, options: Record<string, unknown>): Promise<unknown>;
}

/**
 * Draws `figure` over the figure drawn last. When only knob-dependent traces changed (the static ones,
 * the contour and theory maps, are the very same objects), those move by a zero-length plotly
 * animation, which redraws nothing else, the axes that changed range follow, and the panel titles'
 * text is replaced in place; otherwise plotly redraws the whole figure.
 */
function draw(plot: HTMLElement, figure: Figure, previous: Figure | null): void {
  const changed = previous && previous.data.length === figure.data.length ? figure.data.map((t, i) => (t === previous.data[i] ? -1 : i)).filter((i) => i >= 0) : null;
  if (!changed || changed.some((i) => isStaticTrace(figure.data[i]) || figure.data[i].type !== "scatter")) {
    plotly().react(plot, figure.data, figure.layout, figure.config);
    return;
  }
  const layout = figure.layout ?? {};
  const ranges: Record<string, unknown> = {};
  for (const [key, axis] of Object.entries(layout)) {
    if (!/^[xy]axis\d*$/.test(key)) continue;
    const range = (axis as { range?: unknown }).range;
    const before = (previous!.layout?.[key] as { range?: unknown } | undefined)?.range;
    if (range && JSON.stringify(range) !== JSON.stringify(before)) ranges[`${key}.range`] = range;
  }
  plotly().animate(plot, { data: changed.map((i) => figure.data[i]), traces: changed, layout: ranges }, { transition: { duration: 0 }, frame: { duration: 0, redraw: false } });
  // Panel titles: the text of each annotation, in plotly's layout and in the drawn SVG.
  const annotations = (layout.annotations as { text: string }[] | undefined) ?? [];
  const drawn = (plot as unknown as { layout: { annotations?: { text: string }[] }; _fullLayout: { annotations?: { text: string }[] } });
  const texts = plot.querySelectorAll(".annotation-text");
  annotations.forEach((a, j) => {
    if (drawn.layout.annotations?.[j] && drawn.layout.annotations[j].text !== a.text) {
      drawn.layout.annotations[j].text = a.text;
      if (drawn._fullLayout.annotations?.[j]) drawn._fullLayout.annotations[j].text = a.text;
      if (texts[j]) texts[j].textContent = a.text;
    }
  });
}

/** The plotly.js of the page (loaded before this bundle). */
function plotly(): PlotlyLike {
  const p = (window as unknown as { Plotly?: PlotlyLike }).Plotly;
  if (!p) throw new Error("live figures need plotly.js on the page (window.Plotly)");
  return p;
}

/** One mounted live figure. */
export interface LiveView {
  readonly element: HTMLElement;
  /** The plotly div. */
  readonly plot: HTMLElement;
  readonly session: LiveSession | NetworkSession;
  /** Knob values and start of the figure drawn last. */
  values(): KnobValues;
  start(): [number, number];
  /** Sets knobs and/or the start; the figure is recomputed and redrawn on the next animation frame. */
  set(values?: KnobValues, start?: [number, number]): void;
  /** True when no change waits for its frame (and a network figure has finished training). */
  idle(): boolean;
  /** Updates drawn so far, and the milliseconds each took to recompute (the library) and to draw (plotly); for a network figure, one per frame of training, with the epoch reached. */
  readonly timings: { compute: number; draw: number; epoch?: number }[];
  /** The message of the last update that failed (the previous figure stays), or null. */
  error: string | null;
  /** Called after each update is drawn. */
  onUpdate?: (view: LiveView) => void;
}

/** Positions of a continuous slider. */
const POSITIONS = 1000;

/** The value a slider position means: linear or logarithmic between min and max, or the position's entry of `values`; 3 significant digits. */
export function knobValueAt(knob: LiveKnob, position: number): number {
  if (knob.values) return knob.values[Math.max(0, Math.min(knob.values.length - 1, Math.round(position)))];
  const u = Math.max(0, Math.min(1, position / POSITIONS));
  const v = knob.log ? knob.min * (knob.max / knob.min) ** u : knob.min + (knob.max - knob.min) * u;
  return Number(v.toPrecision(3));
}

/** The slider position nearest to `value`. */
export function knobPosition(knob: LiveKnob, value: number): number {
  if (knob.values) {
    let best = 0;
    knob.values.forEach((v, i) => {
      if (Math.abs(v - value) < Math.abs(knob.values![best] - value)) best = i;
    });
    return best;
  }
  const u = knob.log ? Math.log(value / knob.min) / Math.log(knob.max / knob.min) : (value - knob.min) / (knob.max - knob.min);
  return Math.round(Math.max(0, Math.min(1, u)) * POSITIONS);
}

const show = (v: number) => (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? String(v) : v.toExponential(2));

function sliders(view: LiveView, spec: { knobs: LiveKnob[] }, container: HTMLElement): void {
  for (const knob of spec.knobs) {
    const label = document.createElement("label");
    label.className = "optimlab-knob";
    const name = document.createElement("span");
    name.className = "optimlab-knob-name";
    name.textContent = knob.label;
    const input = document.createElement("input");
    input.type = "range";
    input.min = "0";
    input.max = String(knob.values ? knob.values.length - 1 : POSITIONS);
    input.step = "1";
    input.value = String(knobPosition(knob, knob.value));
    input.dataset.knob = knob.name;
    input.setAttribute("aria-label", knob.label);
    const output = document.createElement("output");
    output.textContent = show(knob.value);
    input.addEventListener("input", () => {
      const v = knobValueAt(knob, Number(input.value));
      output.textContent = show(v);
      view.set({ [knob.name]: v });
    });
    label.append(name, input, output);
    container.append(label);
  }
}

/** Pointer drags on the contour panel move the start point. */
function draggableStart(view: LiveView, spec: LiveSpec): void {
  const panel = spec.panels.indexOf("contour");
  if (panel < 0 || spec.draggableStart === false) return;
  const { xKey, yKey } = panelAxes(panel);
  interface Axis { range: [number, number]; _offset: number; _length: number }
  const toData = (event: PointerEvent): [number, number] | undefined => {
    const full = (view.plot as unknown as { _fullLayout?: Record<string, Axis> })._fullLayout;
    const xa = full?.[xKey];
    const ya = full?.[yKey];
    if (!xa || !ya) return undefined;
    const box = view.plot.getBoundingClientRect();
    const px = event.clientX - box.left - xa._offset;
    const py = event.clientY - box.top - ya._offset;
    if (px < 0 || px > xa._length || py < 0 || py > ya._length) return undefined;
    const x = xa.range[0] + ((xa.range[1] - xa.range[0]) * px) / xa._length;
    const y = ya.range[1] - ((ya.range[1] - ya.range[0]) * py) / ya._length;
    return [Number(x.toPrecision(4)), Number(y.toPrecision(4))];
  };
  let dragging = false;
  view.plot.addEventListener(
    "pointerdown",
    (event) => {
      const at = toData(event);
      if (!at) return;
      dragging = true;
      view.plot.setPointerCapture?.(event.pointerId);
      event.preventDefault();
      event.stopPropagation();
      view.set(undefined, at);
    },
    true,
  );
  view.plot.addEventListener("pointermove", (event) => {
    if (!dragging) return;
    const at = toData(event);
    if (at) view.set(undefined, at);
  });
  const stop = () => (dragging = false);
  view.plot.addEventListener("pointerup", stop);
  view.plot.addEventListener("pointercancel", stop);
}

/**
 * Makes `container` a live figure: a row of sliders (unless `controls` is false), the plot, and an
 * error line. `initial` is the static figure already computed for the knobs' initial values, drawn
 * as is; without it the first update computes it.
 */
export function mountLive(container: HTMLElement, spec: LiveSpec | LiveNetworkSpec, options: { controls?: boolean; initial?: Figure } = {}): LiveView {
  const network = isNetworkSpec(spec) ? networkSession(spec) : null;
  const session: LiveSession | NetworkSession = network ?? liveSession(spec as LiveSpec);
  container.classList.add("optimlab-live");
  let plot = container.querySelector<HTMLElement>(".optimlab-plot");
  if (!plot) {
    plot = document.createElement("div");
    plot.className = "optimlab-plot";
    container.append(plot);
  }
  const controls = document.createElement("div");
  controls.className = "optimlab-live-controls";
  const error = document.createElement("div");
  error.className = "optimlab-live-error";
  error.setAttribute("role", "status");
  container.insertBefore(controls, plot);
  container.append(error);
  let pending: { values?: KnobValues; start?: [number, number] } | null = null;
  let frame = 0;
  let drawnFigure: Figure | null = null;
  const view: LiveView = {
    element: container,
    plot,
    session,
    values: () => ({ ...session.values }),
    start: () => ("start" in session ? [session.start[0], session.start[1]] : [NaN, NaN]),
    timings: [],
    error: null,
    idle: () => frame === 0,
    set(values, start) {
      pending = { values: { ...(pending?.values ?? {}), ...(values ?? {}) }, start: start ?? pending?.start };
      if (!frame) frame = requestAnimationFrame(redraw);
    },
  };
  let lastDraw = 0;
  /** A network figure: a change restarts training (and trains its first epoch); later frames train a slice each. */
  const train = () => {
    frame = 0;
    const change = pending;
    pending = null;
    const t0 = performance.now();
    let out: ReturnType<NetworkSession["update"]>;
    try {
      out = change ? network!.update(change.values) : network!.advance({ ms: TRAINING_SLICE_MS });
    } catch (e) {
      view.error = e instanceof Error ? e.message : String(e);
      error.textContent = view.error;
      return;
    }
    const t1 = performance.now();
    if (change || out.state.done || t1 - lastDraw >= TRAINING_DRAW_MS) {
      draw(plot!, out.figure, drawnFigure);
      drawnFigure = out.figure;
      lastDraw = performance.now();
    }
    const t2 = performance.now();
    view.error = null;
    error.textContent = "";
    view.timings.push({ compute: t1 - t0, draw: t2 - t1, epoch: out.state.epoch });
    if (!out.state.done && !frame) frame = requestAnimationFrame(train);
    view.onUpdate?.(view);
  };
  const redraw = () => {
    if (network) return train();
    frame = 0;
    const change = pending;
    pending = null;
    const live = session as LiveSession;
    const before = { values: { ...live.values }, start: live.start };
    const t0 = performance.now();
    let figure: Figure;
    try {
      figure = live.update(change?.values, change?.start).figure;
    } catch (e) {
      live.values = before.values;
      live.start = before.start;
      view.error = e instanceof Error ? e.message : String(e);
      error.textContent = view.error;
      return;
    }
    const t1 = performance.now();
    draw(plot!, figure, drawnFigure);
    drawnFigure = figure;
    const t2 = performance.now();
    view.error = null;
    error.textContent = "";
    view.timings.push({ compute: t1 - t0, draw: t2 - t1 });
    view.onUpdate?.(view);
  };
  if (options.controls !== false) sliders(view, spec, controls);
  if (network && spec.panels.some((p) => p !== "perLayer")) {
    const again = document.createElement("button");
    again.type = "button";
    again.className = "optimlab-live-replay";
    again.textContent = "train again ▶";
    again.addEventListener("click", () => view.set({}));
    controls.append(again);
    const hint = document.createElement("span");
    hint.className = "optimlab-live-hint";
    hint.textContent = "moving a slider retrains from the same initialization, a few epochs per frame";
    controls.append(hint);
  }
  if (!network && (spec as LiveSpec).panels.includes("contour") && (spec as LiveSpec).draggableStart !== false) {
    const hint = document.createElement("span");
    hint.className = "optimlab-live-hint";
    hint.textContent = "drag on the contour plot to move the start";
    controls.append(hint);
  }
  if (!network) draggableStart(view, spec as LiveSpec);
  if (options.initial) {
    plotly().newPlot(plot, options.initial.data, options.initial.layout, options.initial.config);
    plot.setAttribute("data-drawn", "1");
  } else {
    view.set();
  }
  return view;
}

/** Every live figure in `root`: containers `.optimlab-live` holding their figure as JSON in `script.optimlab-live-figure`. */
export function mountLiveFigures(root: ParentNode = document): LiveView[] {
  const views: LiveView[] = [];
  root.querySelectorAll<HTMLElement>(".optimlab-live[data-live]").forEach((container) => {
    if (container.dataset.mounted) return;
    container.dataset.mounted = "1";
    const json = container.querySelector("script.optimlab-live-figure")?.textContent;
    if (!json) return;
    const figure = JSON.parse(json) as LiveFigure | NetworkFigure;
    views.push(mountLive(container, figure.live, { initial: figure }));
  });
  const w = window as unknown as { optimlabLive?: LiveView[] };
  w.optimlabLive = [...(w.optimlabLive ?? []), ...views];
  return views;
}
