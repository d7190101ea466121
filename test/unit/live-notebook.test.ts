// What `plot` sends to the notebook for a live figure: the static figure, then its live version as a
// second output that the site leaves out (metadata) and that a trusted page mounts from the server's scripts.
import { afterEach, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { plot, PLOTLY_MIME } from "../../src/display/plot";
import { liveNotebookHtml } from "../../src/display/live/notebook";
import { liveGradientDescent, liveMomentum } from "../../src/display/live/builders";
import { lossCurves } from "../../src/display/figures";

interface Sent {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

const kernel = require("tslab/dist/jupyter") as { lastWriteDisplayData: ((m: Sent, update: boolean) => void) | null };
let sent: Sent[] = [];

beforeEach(() => {
  sent = [];
  kernel.lastWriteDisplayData = (message) => sent.push(message);
});
afterEach(() => {
  kernel.lastWriteDisplayData = null;
});

test("a live figure is sent as its static figure and then its live version", () => {
  const figure = liveMomentum({ eta: 0.3, beta: 0.5 });
  plot(figure);
  assert.equal(sent.length, 2);
  const [still, live] = sent;
  assert.deepEqual((still.data[PLOTLY_MIME] as { live: unknown }).live, figure.live, "the static figure carries its description (the site makes it live)");
  assert.deepEqual(still.metadata, {});
  assert.deepEqual(live.metadata, { optimlab: { live: true } });
  assert.deepEqual(Object.keys(live.data).sort(), ["text/html", "text/plain"], "no plotly JSON: the renderer would draw it static");
  const html = String(live.data["text/html"]);
  assert.match(html, /<div class="optimlab-live" data-live="1" id="optimlab-live-\d+">/);
  assert.match(html, /Trust Notebook/);
  const json = html.match(/<script type="application\/json" class="optimlab-live-figure">(.*?)<\/script>/s)?.[1];
  assert.ok(json, "the figure travels as JSON inside the output");
  assert.deepEqual(JSON.parse(json!).live, figure.live);
  assert.match(String(live.data["text/plain"]), /^<live version of: Momentum/);
});

test("a plain figure is one output, as before", () => {
  plot(lossCurves({ a: [3, 2, 1] }));
  assert.equal(sent.length, 1);
  assert.equal(Object.keys(sent[0].data).includes(PLOTLY_MIME), true);
});

test("a figure's live field must be a live description", () => {
  const figure = liveGradientDescent();
  assert.throws(() => plot({ ...figure, live: 5 } as never), /plot: figure\.live must be a live figure's description/);
  assert.throws(() => plot({ ...figure, live: { ...figure.live, steps: -1 } }), /steps/);
  assert.equal(sent.length, 0, "nothing was sent for a rejected figure");
});

test("the live version's script reads the figure inside a JSON script and is safe against </script> in titles", () => {
  const figure = liveGradientDescent();
  const tricky = { ...figure, live: { ...figure.live, title: "a </script><b>x</b>" } };
  const html = liveNotebookHtml(tricky, "fig-1", { plotly: "/files/p.js", bundle: "/files/o.js" });
  assert.equal(html.split("</script>").length - 1, 2, "exactly the JSON script and the mount script end");
  assert.match(html, /a &#60;\/script&#62;&#60;b&#62;x&#60;\/b&#62;/, "the title is escaped in the note");
  assert.throws(() => liveNotebookHtml(figure, "1bad", { plotly: null, bundle: null }), /id must start with a letter/);
});
