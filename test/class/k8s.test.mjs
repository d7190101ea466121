// Zero to JupyterHub, as far as it can be checked without Docker or Kubernetes: the Helm values parse and
// size every student; the image is built by the install script CI runs; the values' start-up step (copy the
// lessons) works and keeps a student's edits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listNotebooks, root } from "../../scripts/lib/notebooks.mjs";
import { venvPython } from "../../scripts/lib/python-env.mjs";

const k8s = join(root, "class", "k8s");
const python = (code, ...args) => spawnSync(venvPython, ["-c", code, ...args], { encoding: "utf8" });

test("values.yaml parses and gives each student an image, a memory and a CPU request and limit", () => {
  const r = python("import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", join(k8s, "values.yaml"));
  assert.equal(r.status, 0, r.stderr);
  const values = JSON.parse(r.stdout);
  const user = values.singleuser;
  assert.equal(user.image.name, "optimlab-singleuser");
  assert.match(user.memory.guarantee, /^\d+[MG]$/);
  assert.match(user.memory.limit, /^\d+[MG]$/);
  assert.ok(user.cpu.guarantee > 0 && user.cpu.limit >= user.cpu.guarantee);
  assert.equal(user.cmd, "jupyterhub-singleuser");
  // The start-up step runs a script of this checkout, at the place the Dockerfile copies it to.
  const command = user.lifecycleHooks.postStart.exec.command;
  assert.ok(command.includes("/opt/optimlab/class/copy_lessons.py"));
  assert.ok(existsSync(join(root, "class", "copy_lessons.py")));
});

test("the image is built by .ci/install, the script CI runs", () => {
  const dockerfile = readFileSync(join(k8s, "Dockerfile"), "utf8");
  assert.match(dockerfile, /^COPY \. \/opt\/optimlab$/m);
  assert.match(dockerfile, /^RUN \.ci\/install --no-browser --class/m);
  assert.match(readFileSync(join(root, ".ci", "run"), "utf8"), /^\.ci\/install$/m);
  const ignored = readFileSync(join(root, ".dockerignore"), "utf8");
  for (const path of ["node_modules/", ".venv/", "dist/"]) assert.ok(ignored.includes(path), `.dockerignore lacks ${path}`);
});

test("copy_lessons.py gives a student every lesson and the library, and keeps their edits", () => {
  const home = mkdtempSync(join(tmpdir(), "optimlab-home-"));
  try {
    const copy = () => spawnSync(venvPython, [join(root, "class", "copy_lessons.py"), home, root], { encoding: "utf8" });
    assert.equal(copy().status, 0);
    const lessons = listNotebooks().map((p) => p.split("/").pop());
    for (const name of lessons) assert.ok(existsSync(join(home, "lessons", name)), `${name} not copied`);
    assert.equal(readlinkSync(join(home, "lessons", "node_modules", "optimlab")), root);
    writeFileSync(join(home, "lessons", lessons[0]), "edited");
    assert.equal(copy().status, 0);
    assert.equal(readFileSync(join(home, "lessons", lessons[0]), "utf8"), "edited");
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
