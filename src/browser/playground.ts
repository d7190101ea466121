/**
 * The playground page: choose a problem from the catalog or type a formula (mathjs differentiates it),
 * any set of optimizers with their options and a schedule, and compare their paths and losses live.
 * The state lives in the URL fragment (playgroundState.ts).
 */
import { OPTIMIZER_NAMES, SCHEDULE_NAMES, type LiveOptimizerName, type LiveScheduleName } from "../display/live/spec";
import { knobPosition, knobValueAt, mountLive, type LiveView } from "./live";
import {
  OPTIMIZER_FIELDS, PLAYGROUND_PROBLEMS, SCHEDULE_FIELDS, defaultRun, knobName, parseState, runNames, stateFragment, stateSpec, stateValues,
  type OptionField, type PlaygroundProblem, type PlaygroundState,
} from "./playgroundState";

/** The mounted playground, for tests: its state and the live figure drawn now. */
export interface Playground {
  state: PlaygroundState;
  view: LiveView | null;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

function select(options: readonly string[], value: string, label: string): HTMLSelectElement {
  const s = element("select", { "aria-label": label });
  for (const o of options) s.append(element("option", { value: o }, o));
  s.value = value;
  return s;
}

/** A slider for one numeric option; `onValue` gets the value it means. */
function slider(field: OptionField, value: number, label: string, key: string, onValue: (v: number) => void, event: "input" | "change" = "input"): HTMLLabelElement {
  const knob = { name: key, label, min: Math.min(field.min, value), max: Math.max(field.max, value), value, ...(field.log ? { log: true } : {}) };
  const wrap = element("label", { class: "optimlab-knob" });
  const input = element("input", { type: "range", min: "0", max: "1000", step: "1", "data-knob": key, "aria-label": label });
  input.value = String(knobPosition(knob, value));
  const output = element("output", {}, String(value));
  input.addEventListener(event, () => {
    let v = knobValueAt(knob, Number(input.value));
    if (field.integer) v = Math.max(1, Math.round(v));
    output.textContent = String(v);
    onValue(v);
  });
  wrap.append(element("span", { class: "optimlab-knob-name" }, label), input, output);
  return wrap;
}

/** Builds the playground in `root` from the page's URL fragment. */
export function mountPlayground(root: HTMLElement): Playground {
  const pg: Playground = { state: parseState(location.hash), view: null };
  const form = element("div", { class: "playground-form" });
  const figure = element("div", { class: "playground-figure" });
  const message = element("div", { class: "optimlab-live-error playground-error", role: "status" });
  root.append(form, message, figure);

  const writeUrl = () => history.replaceState(null, "", `#${stateFragment(pg.state)}`);
  /** A number changed: same figure, new knob values. */
  const retune = () => {
    writeUrl();
    pg.view?.set(stateValues(pg.state));
  };
  /** The problem or the set of runs changed: a new figure. */
  const rebuild = () => {
    writeUrl();
    drawForm();
    message.textContent = "";
    figure.replaceChildren();
    let spec;
    try {
      spec = stateSpec(pg.state);
      pg.view = mountLive(figure, spec, { controls: false });
    } catch (e) {
      pg.view = null;
      message.textContent = e instanceof Error ? e.message : String(e);
      return;
    }
    pg.view.onUpdate = (view) => {
      const [x, y] = view.start();
      const moved = !pg.state.start || pg.state.start[0] !== x || pg.state.start[1] !== y;
      if (moved && (pg.state.start || view.timings.length > 1)) {
        pg.state.start = [x, y];
        writeUrl();
      }
    };
  };

  const drawForm = () => {
    form.replaceChildren();
    const s = pg.state;
    const problemRow = element("div", { class: "playground-row" });
    const problem = select(PLAYGROUND_PROBLEMS, s.problem, "problem");
    problem.addEventListener("change", () => {
      s.problem = problem.value as PlaygroundProblem;
      s.start = null;
      rebuild();
    });
    problemRow.append(element("span", { class: "optimlab-knob-name" }, "problem"), problem);
    if (s.problem === "expression") {
      const f = element("input", { type: "text", size: "40", "aria-label": "f(x, y)", value: s.expression });
      const win = element("input", { type: "text", size: "16", "aria-label": "window xmin,xmax,ymin,ymax", value: s.window.join(",") });
      const apply = element("button", { type: "button" }, "plot f");
      apply.addEventListener("click", () => {
        s.expression = f.value;
        const w = win.value.split(",").map(Number);
        if (w.length === 4 && w.every(Number.isFinite) && w[0] < w[1] && w[2] < w[3]) s.window = w as PlaygroundState["window"];
        s.start = null;
        rebuild();
      });
      problemRow.append(element("span", {}, " f(x, y) = "), f, element("span", {}, " window "), win, apply);
    }
    const steps = slider({ name: "steps", label: "steps", value: s.steps, min: 10, max: 5000, log: true, integer: true }, s.steps, "steps", "steps", (v) => {
      s.steps = v;
      rebuild();
    }, "change");
    problemRow.append(steps);
    form.append(problemRow);

    const names = runNames(s);
    s.runs.forEach((run, i) => {
      const row = element("div", { class: "playground-row playground-run" });
      row.append(element("span", { class: "optimlab-knob-name" }, names[i]));
      for (const field of OPTIMIZER_FIELDS[run.optimizer].fields) {
        row.append(slider(field, Number(run.options[field.name]), field.label, knobName(i, field.name), (v) => {
          run.options[field.name] = v;
          retune();
        }));
      }
      for (const flag of OPTIMIZER_FIELDS[run.optimizer].flags ?? []) {
        const box = element("input", { type: "checkbox", "aria-label": flag });
        box.checked = Boolean(run.options[flag]);
        box.addEventListener("change", () => {
          run.options[flag] = box.checked;
          rebuild();
        });
        const label = element("label", {}, ` ${flag} `);
        label.prepend(box);
        row.append(label);
      }
      const remove = element("button", { type: "button", "aria-label": `remove ${names[i]}` }, "remove");
      remove.disabled = s.runs.length === 1;
      remove.addEventListener("click", () => {
        s.runs.splice(i, 1);
        rebuild();
      });
      row.append(remove);
      form.append(row);
    });

    const addRow = element("div", { class: "playground-row" });
    const add = select(["add an optimizer…", ...OPTIMIZER_NAMES], "add an optimizer…", "add an optimizer");
    add.addEventListener("change", () => {
      if (add.value === "add an optimizer…") return;
      s.runs.push(defaultRun(add.value as LiveOptimizerName));
      rebuild();
    });
    const schedule = select(["none", ...SCHEDULE_NAMES], s.schedule.kind, "schedule");
    schedule.addEventListener("change", () => {
      const kind = schedule.value as LiveScheduleName | "none";
      s.schedule = { kind, options: kind === "none" ? {} : Object.fromEntries(SCHEDULE_FIELDS[kind].map((f) => [f.name, f.value])) };
      rebuild();
    });
    addRow.append(add, element("span", { class: "optimlab-knob-name" }, " learning-rate schedule "), schedule);
    if (s.schedule.kind !== "none") {
      for (const field of SCHEDULE_FIELDS[s.schedule.kind]) {
        addRow.append(slider(field, s.schedule.options[field.name], field.label, knobName("s", field.name), (v) => {
          s.schedule.options[field.name] = v;
          retune();
        }));
      }
    }
    form.append(addRow);
    const link = element("a", { href: `#${stateFragment(s)}`, class: "playground-link" }, "link to this configuration");
    link.addEventListener("click", () => (link.href = `#${stateFragment(pg.state)}`));
    form.append(link);
  };

  rebuild();
  (window as unknown as { optimlabPlayground?: Playground }).optimlabPlayground = pg;
  return pg;
}
