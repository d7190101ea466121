/**
 * Live figures of small networks on two moons, computed in the reader's browser by the library's own
 * `mlp`, `fitEpochs` and optimizers: at initialization (per-layer gradient norms and pre-activation
 * spread, recomputed within a frame), or trained. Training does not fit in a frame, so, as TensorFlow
 * Playground does, a knob change restarts it and the page runs it a bounded slice of epochs per
 * animation frame, redrawing the decision boundary and the loss curves as it goes; the last frame is
 * what `fit` returns for the same settings, since `fit` is `fitEpochs` drained.
 */
import type { Dataset } from "../../data/dataset";
import { trainTestSplit } from "../../data/dataset";
import { moons } from "../../data/synthetic";
import { mlp, type MLP } from "../../networks/mlp";
import { adam, sgd } from "../../optimizers";
import { fitEpochs, type FitResult } from "../../training/fit";
import { initializationProfile } from "../../training/initProfile";
import type { Figure } from "../figure";
import { decisionBoundary } from "../figures/decisionBoundary";
import { lossCurves } from "../figures/lossCurves";
import { perLayerFigure } from "../perLayer";
import { panelAxes, panelDomain, panelsLayout, panelTitle } from "./render";
import { checkNetworkSpec, type LiveNetworkPanel, type LiveNetworkSpec, type NetworkFigure } from "./networkSpec";
import { type KnobValues, type LiveValue, initialValues, resolveValue } from "./spec";

/** The state a network figure is in after an update or a slice of training. */
export interface NetworkState {
  values: KnobValues;
  /** Epochs trained so far, and in all. */
  epoch: number;
  epochs: number;
  done: boolean;
  /** The training run so far (trained figures). */
  history?: FitResult;
  /** The per-layer profile (perLayer figures). */
  profile?: { grad: number[]; zStd: number[] };
  /** The trained network (trained figures). */
  net?: MLP;
}

export interface NetworkSession {
  readonly spec: LiveNetworkSpec;
  values: KnobValues;
  readonly state: NetworkState;
  /** Sets knobs (merged into the current ones) and restarts: a profile is computed at once, training from epoch 0. */
  update(values?: KnobValues): { figure: Figure; state: NetworkState };
  /**
   * Trains on until `budget` is spent: `{ ms }` of wall-clock time (at least one epoch), or `{ epochs }`;
   * the figure (built when read) shows the state. `state.done` tells when the last epoch is trained.
   */
  advance(budget: { ms: number; now?: () => number } | { epochs: number }): { figure: Figure; state: NetworkState };
}

/** A session for a network figure's description (checked first). */
export function networkSession(spec: LiveNetworkSpec): NetworkSession {
  checkNetworkSpec(spec);
  const train = moons(spec.data.moons);
  let data: Dataset = train;
  let held: Dataset | undefined;
  if (spec.data.split) {
    const parts = trainTestSplit(train, spec.data.split);
    data = parts.train;
    held = parts.test;
  } else if (spec.data.test) {
    held = moons(spec.data.test);
  }
  const epochs = spec.training?.epochs ?? 0;
  let run: Generator<FitResult, FitResult, void> | undefined;
  const session: NetworkSession = {
    spec,
    values: initialValues(spec),
    state: { values: {}, epoch: 0, epochs, done: true },
    update(values) {
      const next = { ...session.values, ...(values ?? {}) };
      const net = (seed: number) => buildNet(spec, next, seed);
      let state: NetworkState;
      if (spec.profile) {
        state = { values: next, epoch: 0, epochs: 0, done: true, profile: initializationProfile(net, data, spec.profile.seeds) };
        run = undefined;
      } else {
        const t = spec.training!;
        const model = net(spec.net.seed ?? 0);
        const lr = Number(resolveValue(t.lr, next, "training.lr"));
        const optimizer = t.optimizer === "adam" ? adam({ lr }) : sgd({ lr });
        const batchSize = Number(resolveValue(t.batchSize, next, "training.batchSize"));
        const generator = fitEpochs(model, data, optimizer, { epochs: t.epochs, batchSize, seed: t.seed ?? 0, test: held });
        const first = generator.next(); // evaluates before training and trains epoch 1
        run = first.done ? undefined : generator;
        state = { values: next, epoch: first.value.epochs, epochs, done: !!first.done, history: first.value, net: model };
      }
      session.values = next;
      Object.assign(session.state, state);
      return { figure: renderNetwork(spec, data, session.state), state: session.state };
    },
    advance(budget) {
      const st = session.state;
      if (run && !st.done) {
        if ("epochs" in budget) {
          for (let k = 0; k < budget.epochs && !st.done; k++) step();
        } else {
          const now = budget.now ?? (() => performance.now());
          const t0 = now();
          do step();
          while (!st.done && now() - t0 < budget.ms);
        }
      }
      // The figure is built when read: a page that skips drawing this frame skips building it too.
      return {
        get figure() {
          return renderNetwork(spec, data, st);
        },
        state: st,
      };
    },
  };
  const step = () => {
    const r = run!.next();
    session.state.history = r.value;
    session.state.epoch = r.value.epochs;
    if (r.done) {
      session.state.done = true;
      run = undefined;
    }
  };
  return session;
}

function buildNet(spec: LiveNetworkSpec, values: KnobValues, seed: number): MLP {
  const n = spec.net;
  const num = (v: LiveValue | undefined, where: string) => (v === undefined ? undefined : Number(resolveValue(v, values, where)));
  const options: Record<string, unknown> = { sizes: n.sizes, loss: "binaryCrossEntropy", activation: n.activation, seed };
  if (n.init !== undefined) options.init = n.init;
  const initScale = num(n.initScale, "net.initScale");
  const l2 = num(n.l2, "net.l2");
  const dropout = num(n.dropout, "net.dropout");
  if (initScale !== undefined) options.initScale = initScale;
  if (l2 !== undefined) options.l2 = l2;
  if (dropout !== undefined) options.dropout = dropout;
  return mlp(options as never);
}

/** The figure of a network figure's state: its panels side by side, the epoch in the title. */
export function renderNetwork(spec: LiveNetworkSpec, data: Dataset, state: NetworkState): Figure {
  const n = spec.panels.length;
  const out: Record<string, unknown>[] = [];
  const layout = panelsLayout(spec.training ? `${spec.title}: epoch ${state.epoch} of ${state.epochs}${state.history?.diverged ? " (diverged)" : ""}` : spec.title, 440);
  const annotations: Record<string, unknown>[] = [];
  spec.panels.forEach((kind, i) => {
    const { figure, title } = panel(kind, spec, data, state);
    const axes = panelAxes(i);
    const [a, b] = panelDomain(i, n);
    for (const trace of figure.data) {
      const t: Record<string, unknown> = { ...trace, xaxis: axes.x, yaxis: axes.y };
      if (t.colorbar) t.showscale = false; // the panel's title names the colors; a color bar would cover the next panel's axis
      out.push(t);
    }
    const fl = figure.layout ?? {};
    layout[axes.xKey] = { ...(fl.xaxis as object), domain: [a, b], anchor: axes.y, fixedrange: true };
    layout[axes.yKey] = { ...(fl.yaxis as object), anchor: axes.x, fixedrange: true };
    annotations.push(panelTitle(title, a, b));
  });
  layout.annotations = annotations;
  return { data: out, layout, config: { responsive: true, displaylogo: false, displayModeBar: false } };
}

function panel(kind: LiveNetworkPanel, spec: LiveNetworkSpec, data: Dataset, state: NetworkState): { figure: Figure; title: string } {
  if (kind === "perLayer") {
    const p = state.profile!;
    return { figure: perLayerFigure("", { "‖∂f/∂Wˡ‖": p.grad, "std(zˡ)": p.zStd }, "value (log scale)", { xTitle: "layer l (1 = nearest the input)" }), title: "per layer, at initialization" };
  }
  const h = state.history!;
  if (kind === "boundary") {
    const w = spec.boundary;
    const figure = decisionBoundary(state.net!, data, { resolution: w?.resolution ?? 40, ...(w ? { xRange: w.xRange, yRange: w.yRange } : {}), title: "" });
    return { figure, title: `P(class 1), blue 0 to red 1, and the ${data.n} training points` };
  }
  const [trainName, heldName] = spec.lossNames ?? ["training", "held out"];
  const figure = lossCurves({ [trainName]: h.trainLoss, [heldName]: h.testLoss! }, { title: "", xTitle: "epoch", yTitle: "binary cross-entropy (log scale)" });
  const xaxis = { ...(figure.layout?.xaxis as object), range: [0, state.epochs] };
  return { figure: { ...figure, layout: { ...figure.layout, xaxis } }, title: "loss by epoch" };
}

/**
 * A network figure at its knobs' initial values, carrying its description: trained to the end (or
 * profiled) here, so the static figure is the final state; a page with the bundle reruns it live.
 */
export function networkFigure(spec: LiveNetworkSpec): NetworkFigure {
  const session = networkSession(spec);
  session.update();
  const { figure } = session.advance({ epochs: Infinity });
  return { ...figure, live: spec };
}
