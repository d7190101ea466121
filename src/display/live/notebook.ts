/**
 * A live figure in a notebook: the HTML output that `plot` sends after a live figure's static version.
 * In a trusted notebook opened from the course's Jupyter server (`npm start`, the class hub), its script
 * loads plotly.js and the library's browser bundle from that server, mounts the figure with its sliders
 * and draggable start point, and hides the static figure just above it, so the reader sees one figure
 * that recomputes. Where scripts do not run (an untrusted notebook), the static figure stays and this
 * output says how to make it live; where there is no server to load from (VS Code, nbclient) the script
 * says so and leaves the static figure.
 */
import { checkElementId, escapeHtml, scriptJson } from "../htmlText";
import { LIVE_CSS } from "./html";
import type { LiveFigure } from "./session";

/** What the page loads: plotly.js and the library's browser bundle, as URL paths on the Jupyter server (null outside one). */
export interface LiveScripts {
  plotly: string | null;
  bundle: string | null;
}

// The page's globals, for the function below that runs there (the library compiles without the DOM's types).
declare const window: any;
declare const document: any;
type HTMLElement = any;


/** The output's HTML; `id` is unique in the page (letters, digits, - and _). */
export function liveNotebookHtml(figure: LiveFigure, id: string, scripts: LiveScripts): string {
  checkElementId(id);
  const title = escapeHtml(figure.live.title);
  const note =
    `Live version of the figure above (${title}): in a trusted notebook its sliders and start point move. ` +
    `To trust this one, run its cells again, or choose “Trust Notebook” in the command palette.`;
  return (
    `<style>${LIVE_CSS}</style>\n` +
    `<div class="optimlab-live" data-live="1" id="${id}">` +
    `<div class="optimlab-live-note" style="font-style:italic;color:#555">${note}</div>` +
    `<script type="application/json" class="optimlab-live-figure">${scriptJson(figure)}</script></div>\n` +
    `<script type="text/javascript">(${mountInNotebook.toString()})(${JSON.stringify(id)}, ${scriptJson(scripts)});</script>`
  );
}

/**
 * Runs in the notebook page (stringified into the output, so plain ES2015 and nothing from outside):
 * loads each missing script once per page, in order, then mounts the figure and hides the static one.
 */
function mountInNotebook(id: string, scripts: LiveScripts): void {
  const w: Record<string, any> = window;
  const container = document.getElementById(id);
  if (!container) return;
  const note = container.querySelector(".optimlab-live-note") as HTMLElement | null;
  const say = (text: string) => {
    if (note) note.textContent = text;
  };
  if (!scripts.plotly || !scripts.bundle) {
    say("This figure is live when the lesson is opened from the course's Jupyter server (npm start); the figure above is its static version.");
    return;
  }
  const load = (url: string, global: string): Promise<void> => {
    if (w[global]) return Promise.resolve();
    const loading = (w.optimlabScripts = w.optimlabScripts || {});
    if (!loading[url]) {
      loading[url] = new Promise<void>((resolve, reject) => {
        const script = document.createElement("script");
        const savedDefine = w.define; // plotly.js is UMD: hide an AMD loader so that it sets window.Plotly
        w.define = undefined;
        script.src = url;
        script.onload = () => {
          w.define = savedDefine;
          resolve();
        };
        script.onerror = () => {
          w.define = savedDefine;
          delete loading[url];
          reject(new Error(`could not load ${url}`));
        };
        document.head.appendChild(script);
      });
    }
    return loading[url];
  };
  load(scripts.plotly, "Plotly")
    .then(() => load(scripts.bundle as string, "optimlab"))
    .then(() => {
      if (note) note.remove();
      w.optimlab.mountLiveFigures(container.parentNode);
      // The static figure is the previous output of the same cell (JupyterLab, Notebook 7, classic Notebook).
      const output = container.closest(".jp-OutputArea-child, .output_area");
      const previous = output && (output.previousElementSibling as HTMLElement | null);
      if (previous && previous.querySelector(".optimlab-plot, .js-plotly-plot, [data-mime-type='application/vnd.plotly.v1+json']")) {
        previous.style.display = "none";
      }
    })
    .catch((e: Error) => say(`The live version could not start (${e.message}); the figure above is its static version.`));
}
