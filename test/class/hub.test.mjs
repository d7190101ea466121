// The class hub (class/jupyterhub_config.py) on 127.0.0.1 with local test students: each gets a server
// with a fresh copy of the lessons; several execute the first lesson at the same time through the hub
// (their own token, the server's session and kernel APIs) and get the outputs of a single-user run;
// a student's edit stays in their copy. Every process the hub started is gone afterwards.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { cellSource, describeFailure, executeNotebook, listNotebooks, readNotebook, root } from "../../scripts/lib/notebooks.mjs";
import { venvPython } from "../../scripts/lib/python-env.mjs";
import { ensureClassEnvironment } from "../../class/python.mjs";
import { executeRemote, startHub } from "../../class/lib/hub.mjs";

const students = Array.from({ length: Number(process.env.OPTIMLAB_HUB_TEST_STUDENTS ?? 3) }, (_, i) => `student${i + 1}`);
const lesson = listNotebooks()[0];
const name = basename(lesson);
const work = join(root, "build", "class-test", "hub");
const digest = (path) => createHash("sha256").update(readFileSync(path)).digest("hex");

// A plot's HTML fallback made under a Jupyter server loads plotly.js from that server
// (src/display/serverAssets.ts), a block the single-user nbclient run has no server for. It is compared
// apart: removed from both sides, and its URL checked to be the student's own server.
const loader = /if \(window\.optimlabPlotlyLoading\) return;\n[\s\S]*?document\.head\.appendChild\(script\);\n/g;
function withoutLoader(outputs, urls = []) {
  return structuredClone(outputs ?? []).map((output) => {
    const html = output.data?.["text/html"];
    if (html === undefined) return output;
    const text = Array.isArray(html) ? html.join("") : html;
    for (const m of text.matchAll(/script\.src = "([^"]+)"/g)) urls.push(m[1]);
    output.data["text/html"] = text.replace(loader, "");
    return output;
  });
}

let hub;
let tokens;
const lessonDigest = digest(lesson);

before(async () => {
  const env = ensureClassEnvironment();
  assert.ok(env.ok, env.reason);
  rmSync(work, { recursive: true, force: true });
  hub = await startHub({ stateDir: join(work, "state"), users: students });
  tokens = await hub.addUsers(students);
});

after(async () => {
  if (!hub) return;
  const left = await hub.stop();
  assert.deepEqual(left, [], `processes the hub started were still running and had to be killed: ${left.join("; ")}`);
  assert.deepEqual(hub.processes(), [], "processes of the hub are still running");
});

test(`${students.length} students start their servers and run ${name} at the same time, with the single-user outputs`, async (t) => {
  const [reference, starts] = await Promise.all([
    executeNotebook(venvPython, lesson, join(work, "single-user", name)),
    Promise.all(students.map((s) => hub.startServer(s))),
  ]);
  assert.ok(reference.ok, describeFailure({ ...reference, name }));
  t.diagnostic(`server start: ${starts.map((s) => s.toFixed(1)).join(", ")} s`);

  const runs = await Promise.all(students.map((s) => executeRemote(venvPython, hub.serverUrl(s), tokens[s], `lessons/${name}`, join(work, s, name))));
  const expected = readNotebook(reference.output).cells;
  for (const [i, run] of runs.entries()) {
    assert.ok(run.ok, `${students[i]}: ${describeFailure({ ...run, name })}`);
    t.diagnostic(`${students[i]}: ${name} in ${run.seconds.toFixed(1)} s (kernel ready after ${run.kernelStartSeconds.toFixed(1)} s${run.kernelRestarts ? `, after ${run.kernelRestarts} kernel restart(s): it lost a port race, see class/README.md` : ""})`);
    const cells = readNotebook(run.output).cells;
    assert.equal(cells.length, expected.length);
    const urls = [];
    for (const [j, cell] of expected.entries()) {
      assert.deepEqual(withoutLoader(cells[j].outputs, urls), withoutLoader(cell.outputs), `${students[i]}: cell ${j} differs from the single-user run:\n${cellSource(cell).slice(0, 300)}`);
    }
    for (const url of urls) assert.match(url, new RegExp(`^/user/${students[i]}/files/lessons/node_modules/optimlab-assets/plotly\\.min\\.js$`), `${students[i]}: a plot loads plotly.js from ${url}`);
  }
});

test("a student's edit stays in their own copy: the repo's lesson and the other students' copies are untouched", async () => {
  const [editor, other] = students;
  const path = `lessons/${name}`;
  const contents = async (student, method = "GET", body) => {
    const r = await fetch(`${hub.serverUrl(student)}/api/contents/${path}`, {
      method,
      headers: { Authorization: `token ${tokens[student]}`, "Content-Type": "application/json" },
      body: body && JSON.stringify(body),
    });
    assert.ok(r.ok, `${method} ${path} as ${student}: HTTP ${r.status}`);
    return r.json();
  };
  const model = await contents(editor);
  model.content.cells[0].source = "# my notes";
  await contents(editor, "PUT", { type: "notebook", format: "json", content: model.content });
  assert.equal((await contents(editor)).content.cells[0].source, "# my notes");
  assert.notEqual((await contents(other)).content.cells[0].source, "# my notes");
  assert.equal(digest(lesson), lessonDigest, `${name} in notebooks/ changed`);
  // A student cannot reach another student's server with their own token.
  const r = await fetch(`${hub.serverUrl(other)}/api/contents/${path}`, { headers: { Authorization: `token ${tokens[editor]}` }, redirect: "manual" });
  assert.ok(r.status === 403 || r.status === 302 || r.status === 404, `${editor}'s token opened ${other}'s server (HTTP ${r.status})`);
});

test("the hub stops every student's server on request", async () => {
  for (const s of students) await hub.stopServer(s);
  for (const s of students) {
    for (let i = 0; i < 100; i++) {
      const user = (await hub.must("GET", `/users/${s}`));
      if (!user.servers?.[""] && !user.pending) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal((await hub.must("GET", `/users/${s}`)).servers?.[""], undefined, `${s}'s server still listed`);
  }
});
